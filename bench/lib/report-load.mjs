/** BENCHMARKS.md: the shop page's cost, ingestion against the ceiling, and ingestion while a dashboard reads. */
import { n0, n1, pct } from "./report-format.mjs";

export function hostPage(r, p) {
  p("## Host-page cost (Chromium)");
  p();
  const h = r.hostPage;
  if (!h || h.skipped || h.error) {
    p(`Not measured in this run: ${h?.skipped ?? h?.error ?? "no data"}.`);
    p();
    return;
  }
  p(
    `Demo shop page \`${h.page}\`, CPU ×${h.throttle}, ${h.runs} loads each (median), observed for ` +
      `${h.settleMs / 1000} s after \`load\` (plus 1 s after the survey appeared). The survey of the benchmark's ` +
      `site triggers on every page with no delay; it appeared in ${h.shownRuns} of ${h.runs} loads (median ` +
      `${n0(h.with.surveyShownMs)} ms after navigation, its files having arrived at ${n0(h.with.filesArrivedMs)} ` +
      `ms).`,
  );
  p();
  p(
    "| page | long tasks | long-task time (ms) | longest task (ms) | total blocking time (ms) | layout shift " +
      "(sum) | first contentful paint (ms) |",
  );
  p("|---|---|---|---|---|---|---|");
  for (const [name, x] of [
    ["without the widget", h.without],
    ["with the widget", h.with],
  ])
    p(
      `| ${name} | ${n1(x.longTasks)} | ${n0(x.longTaskMs)} | ${n0(x.longest)} | ${n0(x.tbt)} | ` +
        `${x.cls?.toFixed(4)} | ${n0(x.fcp)} |`,
    );
  p(
    `| widget's cost | ${n1(h.with.longTasks - h.without.longTasks)} | ` +
      `${n0(h.with.longTaskMs - h.without.longTaskMs)} | – | ${n0(h.with.tbt - h.without.tbt)} | ` +
      `${(h.with.cls - h.without.cls).toFixed(4)} | ${n0(h.with.fcp - h.without.fcp)} |`,
  );
  p();
  const files = (h.raw?.with?.find((x) => x.files?.length)?.files ?? []).map((f) => `\`${f}\``).join(", ");
  p(
    `The widget's window (from the request of its first file, ${n0(h.window?.from)} ms, to a second after the ` +
      `survey showed, ${n0(h.window?.to)} ms): longest task ${n0(h.with.widgetLongest)} ms and blocking time ` +
      `${n0(h.with.widgetTbt)} ms with the widget; in the same window of the loads without it, the page's own ` +
      `${n0(h.without.widgetLongest)} ms and ${n0(h.without.widgetTbt)} ms. The survey's first frame came ` +
      `${n0(h.with.firstPaintAfterFilesMs)} ms after the last of its files (${files || "–"}) arrived.`,
  );
  p();
  p(
    `What the widget itself caused, by the Long Animation Frames API (each long frame names the file of every ` +
      `callback of 5 ms or more that ran in it): ${n1(h.with.causedFrames)} long frames of the widget's, its ` +
      `longest task ${n0(h.with.causedLongest)} ms, blocking ${n0(h.with.causedBlocking)} ms. A frame is the ` +
      `widget's where only its files ran, or, once its host is on the page (the loader's unseen box that looks ` +
      `its fonts up is one), where no script of the page's ran: ` +
      `the style, layout and font lookups of what it put in the page come in frames where its callbacks are ` +
      `too short to be named. There its long tasks and the frame's blocking time count, rendering included; ` +
      `in a frame shared with the page's scripts, its own callbacks. Blocking counts from the first contentful ` +
      `paint on, as total blocking time does. The same rule, in the loads without the widget from the time its ` +
      `host appeared in the loads with it, finds ${n1(h.without.causedFrames)} long frames, blocking ` +
      `${n0(h.without.causedBlocking)} ms. The survey's box is watched by a ResizeObserver, which forces no ` +
      `layout of its own, and what is hidden from people (the widget's unseen warm-up of its fonts) is not the ` +
      `survey.`,
  );
  p();
}

const others = (statuses, ok) =>
  Object.entries(statuses)
    .filter(([k]) => !ok.includes(k))
    .map(([k, v]) => `${v}× ${k}`)
    .join(", ") || "0";

/**
 * How far the no-op runs of every mode strayed from their median, per number of clients: the
 * machine's own noise in this run, against which a share near its target has to be read.
 */
export function ceilingSpread(r) {
  const modes = Object.values(r.ingestion ?? {}).filter((m) => m?.routes);
  const spread = {};
  for (const c of Object.keys(r.ceiling ?? {})) {
    const runs = modes.flatMap((m) => m.routes[c]?.noop.runs ?? []);
    if (runs.length === 0) continue;
    const [low, high] = [Math.min(...runs), Math.max(...runs)];
    spread[c] = { low, high, off: Math.max(r.ceiling[c] - low, high - r.ceiling[c]) / r.ceiling[c] };
  }
  return spread;
}

export function ingestion(r, p) {
  p("## Ingestion: `POST /v1/responses` and `POST /v1/events` against the no-op ceiling");
  p();
  p(
    "Three answers per response (NPS, CSAT, text). req/s and latency p50/p99 in ms; every share is of the same " +
      "ceiling: per number of clients, the median of the no-op runs of both modes, each taken from a quiet state.",
  );
  p();
  p(
    "| runtime | mode | clients | ceiling req/s (this mode's no-op) | responses req/s | share | p50 | p99 | " +
      "events req/s | share | consumer wrote /s | other answers |",
  );
  p("|---|---|---|---|---|---|---|---|---|---|---|---|");
  const row = (runtime, mode, routes, ceiling) => {
    for (const c of Object.keys(routes)) {
      const x = routes[c];
      const consumer = x.consumer ? `${n0(x.consumer.rps)} (${pct(x.consumer.ratio)})` : "–";
      p(
        `| ${runtime} | ${mode} | ${c} | ${n0(ceiling?.[c] ?? x.noop.rps)} (${n0(x.noop.rps)}) | ` +
          `${n0(x.responses.rps)} | ${pct(x.ratio)} | ${n1(x.responses.p50)} | ${n1(x.responses.p99)} | ` +
          `${n0(x.events?.rps)} | ${pct(x.eventsRatio)} | ${consumer} | ` +
          `${others(x.responses.statuses, ["201", "202"])} |`,
      );
    }
  };
  for (const [mode, res] of Object.entries(r.ingestion ?? {}))
    if (res.routes) row("Miniflare (workerd)", mode, res.routes, r.ceiling);
    else if (res.error) p(`| Miniflare (workerd) | ${mode} | not measured: ${res.error} | | | | | | | | | |`);
  if (r.wranglerDev?.routes) row("`wrangler dev`", "direct", r.wranglerDev.routes, null);
  p();
  const spread = Object.entries(ceilingSpread(r));
  if (spread.length > 0) {
    const ranges = spread.map(
      ([c, s]) => `from ${n0(s.low)} to ${n0(s.high)} req/s at ${c} clients (up to ${pct(s.off)} off their median)`,
    );
    p(
      `The machine's noise in this run: the no-op runs ranged ${ranges.join(", ")}. ` +
        "A share nearer its target than that is within this run's noise.",
    );
    p();
  }
  const checks = [];
  for (const [mode, res] of Object.entries(r.ingestion ?? {}))
    if (res.integrity) checks.push([`Miniflare ${mode}`, res.integrity]);
  for (const [mode, rows] of Object.entries(r.underLoad ?? {}))
    if (rows?.integrity) checks.push([`Miniflare ${mode}, with dashboard reads`, rows.integrity]);
  const allOk = checks.length > 0 && checks.every(([, i]) => i.ok) && r.wranglerDev?.integrity?.ok !== false;
  p(
    allOk
      ? "Nothing lost, nothing doubled (every accepted id looked up in D1 afterwards):"
      : "**Lost or doubled answers, or counts that do not add up, in this run** (every accepted id looked up " +
          "in D1 afterwards):",
  );
  p();
  p(
    "| runtime / mode | accepted | stored | accepted ids found | lost | doubled | answers stored / expected | " +
      "dropped | check |",
  );
  p("|---|---|---|---|---|---|---|---|---|");
  for (const [name, i] of checks)
    p(
      `| ${name} | ${n0(i.accepted)} | ${n0(i.stored)} | ${n0(i.acceptedFound)} | ${i.lost} | ${i.doubled} | ` +
        `${n0(i.answers)} / ${n0(i.expectedAnswers)} | ${n0(i.dropped)} | ${i.ok ? "ok" : "**MISMATCH**"} |`,
    );
  const wd = r.wranglerDev?.integrity;
  if (wd)
    p(
      `| \`wrangler dev\` direct (counted by the summary) | ${n0(wd.accepted)} | ${n0(wd.stored)} | – | – | – | ` +
        `– | – | ${wd.ok ? "ok" : "**MISMATCH**"} |`,
    );
  else if (r.wranglerDev?.error) p(`| \`wrangler dev\` | ${r.wranglerDev.error} | | | | | | | |`);
  p();
}

export function underLoad(r, p) {
  const modes = Object.entries(r.underLoad ?? {}).filter(([, rows]) => rows?.alone);
  if (modes.length === 0) return;
  const biggest = r.summary?.sizes?.at(-1)?.answers;
  p(`## Ingestion while a dashboard reads (${n0(biggest)}-answer site, 10 clients submitting to another site)`);
  p();
  p(
    "D1 runs one query at a time: a read that holds it stalls every write queued behind it. One owner reads " +
      "one view in a loop, one request at a time, while the load runs; views over raw answers read window by " +
      "window and pause between windows.",
  );
  p();
  p(
    `| mode | dashboard view | responses req/s | share of alone (the runs alone beside it; median of ` +
      `${r.config?.underLoadRepeats ?? "the"} rounds) | p50 ms | p99 ms | ` +
      "read, median ms | reads (partial) | backlog drained after, s |",
  );
  p("|---|---|---|---|---|---|---|---|---|");
  for (const [mode, rows] of modes) {
    for (const [name, x] of Object.entries(rows)) {
      if (name === "integrity") continue;
      const read = x.exportRowsPerSecond != null ? `${n0(x.exportRowsPerSecond)} rows/s streamed` : n1(x.readMs);
      const reads =
        name === "alone" ? "–" : `${x.reads} (${x.partialReads})${x.failedReads ? `, ${x.failedReads} failed` : ""}`;
      p(
        `| ${mode} | ${name} | ${n0(x.rps)} | ${pct(x.share ?? x.rps / rows.alone.rps)} | ${n1(x.p50)} | ` +
          `${n1(x.p99)} | ${name === "alone" ? "–" : read} | ${reads} | ` +
          `${x.drainSeconds == null ? "–" : n1(x.drainSeconds)} |`,
      );
    }
  }
  p();
}
