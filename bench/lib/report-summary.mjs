/** BENCHMARKS.md: the summary's latency by volume, and the plan of its statements. */
import { n0, n1 } from "./report-format.mjs";

export function summary(r, p) {
  p("## Summary latency by volume");
  p();
  const s = r.summary;
  if (!s || s.error) {
    p(`Not measured: ${s?.error ?? "no data"}.`);
    p();
    return;
  }
  const rounds = s.orders?.length ?? 0;
  p(
    `One database holding a site per size (${s.sizes.map((x) => n0(x.answers)).join(", ")} answers over a year; ` +
      `${n0(s.databaseBytes)} bytes on disk in all). Each size's summary was read ${s.sizes[0]?.samples ?? "–"} ` +
      `times, in ${rounds} rounds, the sizes in a shuffled order each round ` +
      `(${(s.orders ?? []).map((o) => o.map(n0).join(" → ")).join("; ")}).`,
  );
  p();
  p(
    "| answers | responses | fill time (s) | summary, median ms | p90 ms | ratio to the smallest | by channel, " +
      "median ms | filtered (raw answers), median ms | partial reads | figures it reports: responses / NPS / " +
      "choice answers / by email / shown |",
  );
  p("|---|---|---|---|---|---|---|---|---|---|");
  const base = s.sizes[0]?.summaryMs;
  for (const x of s.sizes) {
    const f = x.reported;
    const covered = x.filteredCoveredFrom ? ` (covered from ${x.filteredCoveredFrom})` : "";
    const partial = `${x.filteredPartial} of ${x.filteredReads}${covered}`;
    p(
      `| ${n0(x.answers)} | ${n0(x.responses)} | ${n1(x.fillSeconds)} | ${n1(x.summaryMs)} | ` +
        `${n1(x.summaryP90Ms)} | ${(x.summaryMs / base).toFixed(2)}× | ${n1(x.channelMs)} | ${n0(x.filteredMs)} | ` +
        `${partial} | ${n0(f.responses)} / ${n0(f.nps)} / ${n0(f.choiceAnswers)} / ${n0(f.emailResponses)} / ` +
        `${n0(f.funnelShown)} |`,
    );
  }
  p();
  const first = s.sizes[0];
  const last = s.sizes[s.sizes.length - 1];
  if (first && last && first !== last)
    p(
      `**Ratio ${n0(last.answers)} / ${n0(first.answers)}: ${(last.summaryMs / first.summaryMs).toFixed(2)}×** ` +
        `(target ≤ 2×); by channel ${(last.channelMs / first.channelMs).toFixed(2)}×. The filtered view reads raw ` +
        "answers within its time budget: " +
        (last.filteredPartial === 0
          ? "complete at every size."
          : `partial at ${n0(last.answers)} answers in ${last.filteredPartial} of ${last.filteredReads} reads, ` +
            "which then say so."),
    );
  p();
  if (s.plan) {
    const names = Object.keys(s.plan.statements);
    p(
      `EXPLAIN QUERY PLAN of the unfiltered summary's ${names.length} statements (${names.join(", ")}) at ` +
        `${n0(last?.answers)} answers:`,
    );
    p();
    p("```");
    for (const st of Object.values(s.plan.statements)) {
      p(st.sql);
      for (const d of st.plan) p(`  ${d}`);
    }
    p("```");
    p();
    p(
      `No step reads \`answers\` or \`responses\`: ${s.plan.noAnswersScan ? "yes" : "**no**"}. The temporary ` +
        `B-trees sort what the statements return, at most ${n0(s.plan.sortedRows)} rows at this size (per day and ` +
        `type, or per question and option), whatever the number of answers.`,
    );
    p();
  }
}
