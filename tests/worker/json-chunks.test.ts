/** How a batch of submissions is cut into multi-row statements (worker/src/lib/json-chunks.ts). */
import { describe, expect, it } from "vitest";
import { chunksByJsonSize } from "../../worker/src/lib/json-chunks";

const row = (id: number, pad: number) => ({ id, text: "x".repeat(pad) });

describe("chunksByJsonSize", () => {
  it("keeps every row once, in order, each chunk under the limit", () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(i, 90));
    const chunks = chunksByJsonSize(rows, 1000);
    expect(chunks.flat()).toEqual(rows);
    for (const chunk of chunks)
      expect(chunk.reduce((n, r) => n + JSON.stringify(r).length, 0)).toBeLessThanOrEqual(1000);
    expect(chunks.length).toBe(Math.ceil(50 / Math.floor(1000 / JSON.stringify(rows[0]).length)));
  });

  it("gives a row larger than the limit a chunk of its own, and nothing for no rows", () => {
    const big = row(1, 5000);
    expect(chunksByJsonSize([row(0, 10), big, row(2, 10)], 1000)).toEqual([[row(0, 10)], [big], [row(2, 10)]]);
    expect(chunksByJsonSize([], 1000)).toEqual([]);
  });
});
