/**
 * vitest globalSetup of the worker project: a webhook receiver on loopback that records what
 * it gets. `/ok…` answers 204, `/fail…` 500, `/flaky…` 500 the first time a path is posted and
 * 204 after, `/redirect…` 302 to `/ok/redirected`; `/_received` lists the recorded requests.
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
      const path = req.url ?? "";
      const seen = received.some((r) => r.path === path);
      received.push({ path, headers: req.headers as Record<string, string>, body });
      if (path.startsWith("/redirect")) res.writeHead(302, { location: "/ok/redirected" }).end();
      else if (path.startsWith("/fail") || (path.startsWith("/flaky") && !seen)) res.writeHead(500).end();
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  project.provide("webhookReceiver", `http://127.0.0.1:${port}`);
  return () => new Promise<void>((r) => server.close(() => r()));
}
