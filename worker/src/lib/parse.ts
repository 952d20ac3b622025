/** Zod parsing wrapped once: failures become the contract's `invalid_body` envelope. */
import type { z } from "zod";
import { invalid, zodIssues } from "../errors";

export function parseOr400<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw invalid(zodIssues(result.error.issues));
  return result.data;
}
