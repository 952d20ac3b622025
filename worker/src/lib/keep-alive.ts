/**
 * Work that must finish even if the request that started it ends (the request's `waitUntil`): what
 * other requests of the isolate wait on, which Workers would cancel with a request whose client left,
 * and work that goes on after the answer (alerts, webhook deliveries). The queue consumer passes one
 * that collects the work and awaits it before acknowledging.
 */
export type KeepAlive = (work: Promise<unknown>) => void;

/** The request's `waitUntil`, as a function that services take without knowing Hono. */
export const keepAliveOf =
  (c: { executionCtx: { waitUntil(work: Promise<unknown>): void } }): KeepAlive =>
  (work) =>
    c.executionCtx.waitUntil(work);
