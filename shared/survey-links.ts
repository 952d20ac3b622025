/** The survey's `links` setting: zod only, so that shared/schemas.ts can use it without an import cycle. */
import { z } from "zod";
import { CONTEXT_KEY_PATTERN } from "./constants";

/**
 * How the survey's hosted page takes answers: `signed`, only through links minted by the owner API
 * (its answers then carry the link's signature); `onePer`, one response per value of that context key
 * (e.g. one per order), held by the database.
 */
export const linksSchema = z.object({
  signed: z.boolean().default(false),
  onePer: z.string().regex(CONTEXT_KEY_PATTERN, "a context key: 1-40 letters, digits or _").optional(),
});
