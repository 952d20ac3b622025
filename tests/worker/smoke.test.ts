import { describe, expect, it } from "vitest";
import { call, submit, submission, summary, world } from "./fixtures";

describe("smoke", () => {
  it("should accept one answer and count it", async () => {
    const w = await world();
    const res = await submit(submission(w));
    expect(res.status).toBe(201);
    const s = await summary(w);
    expect(s.responses).toBe(1);
    expect(s.nps.score).toBe(100);
    expect((await call("GET", "/healthz")).status).toBe(200);
  });
});
