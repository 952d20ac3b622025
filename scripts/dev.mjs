/**
 * `npm run dev`: build widget and dashboard, apply migrations to the local D1, seed the demo
 * data once, then serve the collector + dashboard (:8787) and the demo shop (:8788, a second
 * origin so CORS is real). Ctrl+C stops both.
 */
import { execSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DEMO_SEED_VERSION } from "./lib/seed.mjs";
import { ROOT, startStack } from "./lib/stack.mjs";

const port = Number(process.env.PORT ?? 8787);
const shopPort = Number(process.env.SHOP_PORT ?? 8788);
const persistDir = join(ROOT, ".wrangler", "dev-state");
mkdirSync(persistDir, { recursive: true });

if (!process.argv.includes("--no-build")) {
  console.log("Building widget and dashboard…");
  execSync("npm run build", { cwd: ROOT, stdio: "inherit" });
}
console.log("Applying migrations and seeding the demo data (once)…");
const stack = await startStack({ seed: true, persistDir, port, shopPort, quiet: !process.env.VERBOSE });

const line = "─".repeat(64);
const hosted = `${stack.collectorUrl}/s/${stack.demo.siteKey}/${stack.demo.surveyId}?ctx.orderId=A-1042&a.nps=9`;
console.log(`
${line}
  Collector + dashboard  ${stack.collectorUrl}
  Demo shop (origin 2)   ${stack.shopUrl}/   (survey on ${stack.shopUrl}/checkout/thank-you)
  Survey in place        ${stack.shopUrl}/account/orders   (the order-status page)
  Hosted survey page     ${hosted}
  Demo login             ${stack.demo.email} / ${stack.demo.password}
  Demo site key          ${stack.demo.siteKey}
  Local D1 data          ${persistDir}
  Results                ${stack.collectorUrl}/#/sites/${stack.demo.siteId}/results
                         (the funnel, choice charts with 95% intervals, the cross-tab)
${line}
Press Ctrl+C to stop.`);
if (stack.demo.seedVersion !== DEMO_SEED_VERSION) {
  console.log(`\nThis demo data was seeded by an older version (no survey logic, funnel, choice results or channels).
Stop, delete ${persistDir} and run npm run dev again for the current demo.`);
}

const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
