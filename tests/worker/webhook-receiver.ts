/**
 * vitest globalSetup of the worker project: a webhook receiver on loopback that records what
 * it gets. `/ok` answers 204, `/fail` answers 500, `/_received` lists the recorded requests.
 */
import { createServer } from "node:http";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    webhookReceiver: string;
  }
}

export default async function setup(project: TestProject) {
  const received: { path: string; headers: Record<string, string>; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.url === "/_received") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
        return;
      }
      received.push({ path: req.url ?? "", headers: req.headers as Record<string, string>, body });
      res.writeHead(req.url?.startsWith("/fail") ? 500 : 204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  project.provide("webhookReceiver", `http://127.0.0.1:${port}`);
  return () => new Promise<void>((r) => server.close(() => r()));
}
