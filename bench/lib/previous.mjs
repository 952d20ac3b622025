/**
 * The headline figures of a run (this one's, or the previous run's bench/results.json, whichever
 * shape it has), so that BENCHMARKS.md shows the new figures beside the old ones.
 */
const last = (xs) => xs?.[xs.length - 1];

export function headline(r) {
  const out = { commit: r.commit ?? null, date: r.date?.slice(0, 10) ?? null, figures: {} };
  const put = (key, value) => {
    if (value != null && Number.isFinite(value)) out.figures[key] = value;
  };
  for (const [mode, m] of Object.entries(r.ingestion ?? {})) {
    for (const [c, x] of Object.entries(m?.routes ?? {})) {
      put(`ingestion ${mode}, ${c} clients, share of the no-op ceiling`, x.ratio);
      put(`events (${mode}), ${c} clients, share of the no-op ceiling`, x.eventsRatio);
    }
  }
  const h = r.hostPage;
  if (h?.with) {
    // Older runs kept no "longest": with one long task, it is their long-task time.
    put(
      "shop page with the widget: longest task (ms)",
      h.with.longest ?? (h.with.longTasks === 1 ? h.with.longTaskMs : null),
    );
    put("shop page: blocking time caused by the widget (ms)", h.with.tbt - h.without.tbt);
    put("survey's first paint after its files arrived (ms)", h.with.firstPaintAfterFilesMs);
    put("the widget's own longest task, its scripts and its rendering (ms)", h.with.causedLongest);
    put("blocking time in the widget's own frames (ms)", h.with.causedBlocking);
  }
  const sizes = r.summary?.sizes;
  if (sizes?.length > 1) {
    put("summary at the biggest size ÷ at the smallest", last(sizes).summaryMs / sizes[0].summaryMs);
    put("filtered summary at the biggest size (ms)", last(sizes).filteredMs);
  }
  const underLoad = r.underLoad ?? r.summary?.underLoad ?? {};
  for (const [mode, rows] of Object.entries(underLoad)) {
    const alone = rows?.alone?.rps;
    for (const [view, x] of Object.entries(rows ?? {})) {
      if (view === "alone" || view === "integrity" || !alone) continue;
      // Old runs named the views apart; the filtered one is the scan either way.
      const name = /filtered/.test(view) ? "filtered summary" : view.replace(/ loop$/, "");
      put(`ingestion (${mode}) while a dashboard reads: ${name}, share of alone`, x.share ?? x.rps / alone);
    }
  }
  return out;
}
