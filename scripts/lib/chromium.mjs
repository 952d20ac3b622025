/**
 * How the browser tests and the host-page benchmark start Debian's Chromium (playwright-core cannot
 * download a browser here): its path, and flags that keep a headless run quiet and repeatable.
 */
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why Chromium cannot start here, or null when it can. */
export const chromiumMissing = () =>
  existsSync(CHROMIUM_PATH) ? null : `Chromium not found at ${CHROMIUM_PATH}: run 'apt-get install -y chromium'`;

/** Options for playwright-core's `chromium.launch`: no sandbox, GPU, background traffic or first-run work. */
export const chromiumLaunchOptions = () => ({
  executablePath: CHROMIUM_PATH,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
  ],
});
