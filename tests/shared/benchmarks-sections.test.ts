/** BENCHMARKS.md keeps what other commands wrote (npm run test:deep) when `npm run bench` rewrites it. */
import { describe, expect, it } from "vitest";
import { markedSections, withSection } from "../../scripts/lib/benchmarks-sections.mjs";

const SECTION = (run: string) => `<!-- test-deep:start -->\n## Deep fuzzing\n\n${run}\n<!-- test-deep:end -->`;

describe("BENCHMARKS.md sections", () => {
  it("a section › added once, replaced in place, and found again for the bench to keep", () => {
    const report = "# Benchmarks\n\nfigures\n";
    const first = withSection(report, "test-deep", "## Deep fuzzing\n\nrun 1\n");
    expect(first).toBe(`# Benchmarks\n\nfigures\n\n${SECTION("run 1")}\n`);
    const second = withSection(`${first}\n## After\n`, "test-deep", "## Deep fuzzing\n\nrun 2");
    expect(second).toBe(`# Benchmarks\n\nfigures\n\n${SECTION("run 2")}\n\n## After\n`);
    // What the bench does: a new report, then every marked section of the old file.
    const rewritten = ["# Benchmarks\n\nnew figures", ...markedSections(second)].join("\n\n");
    expect(rewritten).toBe(`# Benchmarks\n\nnew figures\n\n${SECTION("run 2")}`);
  });
});
