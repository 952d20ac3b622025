/** Types of stack.mjs for the TypeScript tests and benchmarks. */
export const ROOT: string;
export function freePort(): Promise<number>;
export function applyMigrations(persistDir: string, quiet?: boolean): void;
export function executeSqlFile(persistDir: string, file: string, quiet?: boolean): void;
export interface DemoData {
  email: string;
  password: string;
  siteId: string;
  siteKey: string;
  surveyId: string;
  /** The shape of the demo data (absent in folders seeded before version 2). */
  seedVersion?: number;
}
export interface StackOptions {
  seed?: boolean;
  csp?: boolean;
  quiet?: boolean;
  port?: number;
  shopPort?: number;
  persistDir?: string;
  vars?: Record<string, string>;
  extraOrigins?: string[];
}
export interface Stack {
  collectorUrl: string;
  shopUrl: string;
  persistDir: string;
  demo: DemoData | null;
  logs(): string;
  stop(): Promise<void>;
}
export function startStack(options?: StackOptions): Promise<Stack>;
