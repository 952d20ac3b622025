/**
 * Evaluated before any schema is built (imported first by schemas.ts): zod's fast path compiles
 * code with `new Function`, and even its probe for that is a CSP violation under script-src 'self'.
 */
import { config } from "zod";

config({ jitless: true });
