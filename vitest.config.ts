import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * Three projects:
 * - worker: inside workerd with real D1 and the real migrations (tests/worker)
 * - unit: pure code in Node (tests/shared, tests/widget, tests/dashboard, tests/api: the OpenAPI document and
 *   docs/API.md)
 * - e2e: real Chromium against the real worker (`wrangler dev`) and a shop page of another origin
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("worker/migrations"),
                ENVIRONMENT: "test",
                // Tests sign up many accounts; sign-up by invitation is tested by passing SIGNUP=invite.
                SIGNUP: "open",
                WEBHOOK_RECEIVER: inject("webhookReceiver"),
                // The loopback receiver is the one local origin webhooks may use in the tests.
                WEBHOOK_DEV_ORIGINS: inject("webhookReceiver"),
                // Cases of the property tests in all (tests/worker/fuzz-budget.ts): `npm run test:deep` sets 10,000.
                FUZZ_RUNS: process.env.FUZZ_RUNS ?? "",
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["tests/worker/**/*.test.ts"],
          setupFiles: ["tests/worker/apply-migrations.ts"],
          globalSetup: ["tests/worker/webhook-receiver.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "unit",
          include: [
            "tests/shared/**/*.test.ts",
            "tests/widget/**/*.test.ts",
            "tests/api/**/*.test.ts",
            "tests/dashboard/**/*.test.ts",
          ],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A poll waits for the event it names; a busy machine may take seconds to get there (a fixed
          // short wait would fail there and pass on a fast one). Failing is still bounded, and quick on
          // an idle machine, where a result comes in milliseconds.
          expect: { poll: { timeout: 30_000, interval: 50 } },
        },
      },
    ],
  },
});
