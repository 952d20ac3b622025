/** Zod schemas of single fields that request bodies and queries share: a language tag, a day. */
import { z } from "zod";

export const localeSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "a BCP 47 language tag such as en or pt-BR");

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
export const daySchema = z
  .string()
  .regex(dayPattern, "a day as YYYY-MM-DD")
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    "a real calendar day",
  )
  .describe("a UTC day, YYYY-MM-DD");
