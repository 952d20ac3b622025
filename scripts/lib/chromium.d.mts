/** Types of chromium.mjs (how the browser tests and the host-page benchmark start Chromium). */
export declare const CHROMIUM_PATH: string;
export declare function chromiumMissing(): string | null;
export declare function chromiumLaunchOptions(): { executablePath: string; args: string[] };
