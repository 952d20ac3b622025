/**
 * The results of the survey engine on the results page: the funnel, thumbs up, a chart per choice
 * question and the cross-tab. Kept apart from the page so the page stays a list of sections.
 */
import type { Site, Summary, Survey } from "../../../shared/types";
import { indexQuestions, questionTitle } from "../answers";
import { fmt } from "../format";
import { ChoiceChart } from "./choice-chart";
import { CrossTabCard } from "./crosstab";
import { FunnelChart } from "./funnel";
import { Uncertainty } from "./interval";

export function EngineResults({
  site,
  surveys,
  summary: s,
  range,
}: {
  site: Site;
  surveys: readonly Survey[];
  summary: Summary;
  range: { from?: string; to?: string };
}) {
  const index = indexQuestions(surveys);
  const surveyName = (id: string) => surveys.find((x) => x.id === id)?.name ?? id;
  return (
    <>
      <section class="card wide" aria-labelledby="funnel-h">
        <h2 id="funnel-h">Funnel</h2>
        {s.funnel.started || s.funnel.shown ? (
          <FunnelChart funnel={s.funnel} surveys={surveys} />
        ) : (
          <p class="empty">Nobody was shown a survey in this period.</p>
        )}
        {s.funnel.shown === null ? (
          <p class="muted small">
            Shown, declined and closed are anonymous daily counts without language, page or context: they are left out
            under those filters.
          </p>
        ) : null}
      </section>
      {s.thumbs.count ? (
        <section class="card kpi" aria-labelledby="thumbs-h">
          <h2 id="thumbs-h">Thumbs up</h2>
          <p class="big" data-testid="thumbs-share">
            {fmt(s.thumbs.share, "%")}
          </p>
          <Uncertainty
            interval={
              s.thumbs.low === null || s.thumbs.high === null ? null : { low: s.thumbs.low, high: s.thumbs.high }
            }
            count={s.thumbs.count}
            unit="%"
            testId="thumbs"
          />
          <p class="muted">of {s.thumbs.count} thumbs answers</p>
        </section>
      ) : null}
      {s.questions.map((q) => {
        const question = index.get(`${q.survey}/${q.id}`);
        const id = `choice-${q.survey}-${q.id}`;
        return (
          <section key={id} class="card half choice-card" aria-labelledby={id} data-testid={`choice-${q.id}`}>
            <h2 id={id}>{questionTitle(index, q.survey, { question: q.id })}</h2>
            <p class="muted small">
              {surveys.length > 1 ? `${surveyName(q.survey)} · ` : ""}
              {q.type === "multi"
                ? `${q.count} respondents, several choices each: shares add up past 100%`
                : `${q.count} answers`}{" "}
              · whiskers: 95% interval
            </p>
            {q.count ? <ChoiceChart result={q} question={question} /> : <p class="empty">No answer in this period.</p>}
          </section>
        );
      })}
      {s.questions.length ? <CrossTabCard site={site} surveys={surveys} questions={s.questions} range={range} /> : null}
    </>
  );
}
