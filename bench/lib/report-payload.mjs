/** BENCHMARKS.md: the widget's payload beside its peers'. */
import { n0 } from "./report-format.mjs";

const bytes = (s) => (s ? `${n0(s.raw)} / ${n0(s.gzip)} / ${n0(s.brotli)}` : "–");

/** "widget-l10n-hy.js" → "Armenian". */
const languageOf = (file) => {
  const code = /widget-l10n-([a-z]{2,3})\.js$/.exec(file ?? "")?.[1];
  if (!code) return null;
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
};

export function payload(r, p) {
  p("## Widget payload");
  p();
  const pl = r.payload;
  if (!pl || pl.error) {
    p(`Not measured: ${pl?.error ?? "no data"}.`);
    p();
    return;
  }
  p(
    "Bytes as raw / gzip -9 / brotli -11. *Before* is what every visitor downloads on every page; *when shown* " +
      "adds what a survey needs once it opens.",
  );
  p();
  p("| widget | before a survey shows | when a survey shows | UI bundle alone |");
  p("|---|---|---|---|");
  if (pl.ours?.shown)
    p(
      `| **ours** (${pl.ours.shown.files.join(" + ")}) | ${bytes(pl.ours.before)} | ${bytes(pl.ours.shown)} | ` +
        `${bytes(pl.ours.uiAlone)} |`,
    );
  else p(`| **ours** | ${pl.ours?.missing ?? "–"} | | |`);
  if (pl.ours?.withChoices)
    p(
      `| **ours**, a survey with choice questions (+ widget-plus.js) | ${bytes(pl.ours.before)} | ` +
        `${bytes(pl.ours.withChoices)} | ${bytes(pl.ours.uiAlone)} |`,
    );
  for (const x of pl.peers) p(`| ${x.peer} | ${bytes(x.before)} | ${bytes(x.shown)} | ${bytes(x.uiOnly)} |`);
  p(`| ${pl.floor.peer} | – | ${bytes(pl.floor.shown)} | ${bytes(pl.floor.uiOnly)} |`);
  p();
  if (pl.ours?.files) {
    p(`Our files: ${pl.ours.files.map((f) => `\`${f.file}\` ${n0(f.gzip)} B gzip`).join(", ")}.`);
    p();
  }
  p("Which peer files, and why:");
  p();
  for (const x of pl.peers)
    p(`- **${x.peer}**: ${x.files}. ${x.note ? `${x.note.charAt(0).toUpperCase() + x.note.slice(1)}.` : ""}`);
  p(`- **Preact**: ${pl.floor.files}: any widget drawn with Preact ships at least this.`);
  p();
  const language = languageOf(pl.ours?.largestLocale);
  if (language)
    p(
      `Our *when shown* counts the largest locale's strings (${language}, \`${pl.ours.largestLocale}\`); other ` +
        `locales are smaller. Compared like with like: our loader + UI + strings + sender (consent, outbox, ` +
        `delivery) against each peer's *when shown*, and our UI + strings against each peer's *UI bundle alone* ` +
        `(which leaves out each peer's core SDK and its transport, only favouring them).`,
    );
  p();
}
