/**
 * Sections of BENCHMARKS.md written by other commands than `npm run bench` (which rewrites the rest):
 * each between `<!-- NAME:start -->` and `<!-- NAME:end -->`, kept by the bench and replaced by its
 * own command (`npm run test:deep` writes "test-deep").
 */
const markers = (name) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];

/** Every marked section of `text`, whole, in order. */
export function markedSections(text) {
  return [...text.matchAll(/<!-- ([\w-]+):start -->[\s\S]*?<!-- \1:end -->/g)].map((m) => m[0]);
}

/** `text` with the section `name` set to `body` (appended at the end if it was not there yet). */
export function withSection(text, name, body) {
  const [start, end] = markers(name);
  const section = `${start}\n${body.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) return text.slice(0, from) + section + text.slice(to + end.length);
  return `${text.trimEnd()}\n\n${section}\n`;
}
