/**
 * README's receiver snippet (docs/examples/verify-webhook.mjs) is the one in the repository, and it
 * accepts exactly what the collector signs: the same body and secret within 5 minutes of signing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "../../docs/examples/verify-webhook.mjs";
import { SIGNATURE_TOLERANCE_S } from "../../shared/webhooks";
import { signatureHeader } from "../../worker/src/services/webhooks-signing";

const ROOT = join(import.meta.dirname, "..", "..");

describe("README's webhook snippet", () => {
  it("is in the README as it is in docs/examples", () => {
    const example = readFileSync(join(ROOT, "docs", "examples", "verify-webhook.mjs"), "utf8").trim();
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain(example);
  });

  it("accepts the collector's signature within the replay window, and nothing else", async () => {
    const body = JSON.stringify({ id: "d1", type: "response.completed", text: "ă ș ł — “quoted”" });
    const sentAt = Date.parse("2026-12-01T10:00:00Z");
    const header = await signatureHeader("whsec_test", body, sentAt);
    expect(header).toMatch(/^t=1796119200,v1=[0-9a-f]{64}$/);
    const at = (seconds: number) => ({ now: sentAt + seconds * 1000 });
    expect(verifyWebhook("whsec_test", header, body, at(0))).toBe(true);
    expect(verifyWebhook("whsec_test", header, body, at(SIGNATURE_TOLERANCE_S))).toBe(true);
    expect(verifyWebhook("whsec_test", header, body, at(SIGNATURE_TOLERANCE_S + 1))).toBe(false);
    expect(verifyWebhook("whsec_test", header, body, at(-SIGNATURE_TOLERANCE_S - 1))).toBe(false);
    expect(verifyWebhook("whsec_other", header, body, at(0))).toBe(false);
    expect(verifyWebhook("whsec_test", header, body.replace("d1", "d2"), at(0))).toBe(false);
    // The time is signed with the body: a fresh time on an old signature does not pass.
    expect(verifyWebhook("whsec_test", header.replace("t=1796119200", "t=1796119500"), body, at(300))).toBe(false);
    for (const broken of [undefined, "", "v1=abc", "t=x,v1=00", `t=1796119200,v1=${"0".repeat(63)}`]) {
      expect(verifyWebhook("whsec_test", broken, body, at(0)), String(broken)).toBe(false);
    }
  });
});
