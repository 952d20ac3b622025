/**
 * A closed-loop load generator on loopback: `concurrency` clients, each sending its next
 * request when the previous one answered, for a bounded time and a bounded count.
 * Keep-alive connections, as a browser's would be.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

const KEEP_ALIVE = process.env.BENCH_KEEPALIVE !== "0";

export const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const percentile = (sorted, p) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;

function send(agent, url, { method = "POST", headers = {}, body }) {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method, agent, headers: body ? { ...headers, "content-length": Buffer.byteLength(body) } : headers },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", () => resolve({ status: 0, body: "" }));
      },
    );
    req.on("error", () => resolve({ status: 0, body: "" }));
    req.setTimeout(30_000, () => req.destroy());
    if (body) req.write(body);
    req.end();
  });
}

/**
 * Runs one bounded load. `make(i)` returns { path, method, headers, body }.
 * Returns requests per second, latency percentiles (ms), statuses, and what `onResponse` kept.
 */
export async function runLoad({ base, concurrency, durationMs, maxRequests = 200_000, make, onResponse }) {
  const agent = new http.Agent({ keepAlive: KEEP_ALIVE, maxSockets: concurrency });
  const latencies = [];
  const statuses = {};
  let issued = 0;
  const started = performance.now();
  const end = started + durationMs;
  async function client() {
    while (performance.now() < end && issued < maxRequests) {
      const i = issued++;
      const req = make(i);
      const t0 = performance.now();
      const res = await send(agent, base + req.path, req);
      latencies.push(performance.now() - t0);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      onResponse?.(req, res);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    statuses,
  };
}

/** Sequential requests (a dashboard reading in a loop); returns latencies in ms. */
export async function timeSequential({ base, count, maxMs = 60_000, make }) {
  const agent = new http.Agent({ keepAlive: KEEP_ALIVE, maxSockets: 1 });
  const out = [];
  const deadline = performance.now() + maxMs;
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    const req = make(i);
    const t0 = performance.now();
    const res = await send(agent, base + req.path, req);
    if (res.status >= 300) throw new Error(`${req.path}: ${res.status} ${res.body.slice(0, 300)}`);
    out.push(performance.now() - t0);
  }
  agent.destroy();
  return out;
}

export { send };
