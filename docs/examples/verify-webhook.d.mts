/** Types of verify-webhook.mjs, for receivers written in TypeScript. */
export function verifyWebhook(
  secret: string,
  signatureHeader: string | null | undefined,
  rawBody: string,
  options?: { toleranceSeconds?: number; now?: number },
): boolean;
