/** The live preview: the real widget, drawing the unsaved draft in the chosen language, sending nothing. */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Site, Survey } from "../../../shared/types";
import { renderPreview } from "../../../widget/src/preview";
import { type Draft, toBody } from "./draft";

export function PreviewPane({ site, draft, locales }: { site: Site; draft: Draft; locales: string[] }) {
  const [locale, setLocale] = useState("en");
  const [problem, setProblem] = useState<string | null>(null);
  const stage = useRef<HTMLDivElement>(null);
  const shown = locales.includes(locale) ? locale : "en";
  // Redrawn when what customers would see changes (compared as JSON: the draft is a new object on every edit).
  const survey = JSON.stringify({ ...toBody(draft, locales), id: draft.id ?? "preview", version: draft.version ?? 1 });
  useEffect(() => {
    if (!stage.current) return;
    try {
      setProblem(null);
      return renderPreview(stage.current, JSON.parse(survey) as Survey, {
        locale: shown,
        policyUrl: site.policyUrl,
        retentionDays: site.retentionDays,
      });
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
      return undefined;
    }
  }, [survey, shown, site.policyUrl, site.retentionDays]);

  return (
    <aside class="card preview-pane" aria-labelledby="preview-h">
      <div class="row">
        <h2 id="preview-h">Live preview</h2>
        <select aria-label="Preview language" value={shown} onChange={(e) => setLocale(e.currentTarget.value)}>
          {locales.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <p class="muted small">The real widget, with your unsaved changes. Answers here are not sent.</p>
      {problem ? <p class="error">Preview unavailable: {problem}</p> : null}
      <div ref={stage} class="preview-stage" data-testid="preview" />
    </aside>
  );
}
