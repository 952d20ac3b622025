/**
 * The real stack and Chromium of one browser-test file: started before its first test, stopped after
 * its last. Vitest loads this module afresh for every test file, so the bindings below belong to the
 * file that called `useLiveStack`.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser, OwnerClient, type Stack, startStack } from "./support";

export let stack: Stack;
export let browser: Browser;
/** A signed-up owner talking to the collector's API (with `owner: true`), and its login for the dashboard. */
export let owner: OwnerClient;
export let ownerLogin: { email: string; password: string };

export function useLiveStack(opts: { seed?: boolean; owner?: boolean; ready?: () => Promise<void> } = {}): void {
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack({ seed: opts.seed }), launchBrowser()]);
    if (opts.owner) {
      owner = new OwnerClient(stack.collectorUrl);
      ownerLogin = await owner.signup();
    }
    await opts.ready?.();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });
}
