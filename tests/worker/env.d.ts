/** Bindings of the worker test project (vitest.config.ts): the worker's own, plus what only tests need. */
import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../../worker/src/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      /** The migrations of worker/migrations, applied before each test file (apply-migrations.ts). */
      TEST_MIGRATIONS: D1Migration[];
      /** URL of the loopback webhook receiver (webhook-receiver.ts). */
      WEBHOOK_RECEIVER: string;
      /** Cases of the property tests in all; empty for `npm test`'s 2,300 (fuzz-budget.ts). */
      FUZZ_RUNS: string;
    }
    interface GlobalProps {
      mainModule: typeof import("../../worker/src/index");
    }
  }
}
