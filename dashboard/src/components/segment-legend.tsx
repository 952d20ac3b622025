/**
 * Promoters, passives and detractors: how many, their share, and the share's Wilson 95% interval
 * (shared/stats.ts), so that "43%" of seven answers reads as the wide range it is.
 */
import { wilson } from "../../../shared/stats";
import type { Summary } from "../../../shared/types";
import { intervalBounds } from "./interval";

const SEGMENTS = [
  ["promoter", "Promoters", "promoters"],
  ["passive", "Passives", "passives"],
  ["detractor", "Detractors", "detractors"],
] as const;

export function SegmentLegend({ nps }: { nps: Summary["nps"] }) {
  const total = nps.promoters + nps.passives + nps.detractors;
  return (
    <dl class="split-legend">
      {SEGMENTS.map(([segment, label, key]) => {
        const count = nps[key];
        const interval = wilson(count, total);
        const [low, high] = interval ? intervalBounds(interval, "%") : ["", ""];
        return (
          <div key={segment}>
            <dt>
              <span class={`dot ${segment}`} aria-hidden="true" />
              {label}
            </dt>
            <dd data-testid={key}>{count}</dd>
            <dd class="muted">
              {total ? `${Math.round((count / total) * 100)}%` : "0%"}
              {interval ? (
                <span class="small" data-testid={`${key}-interval`} title="95% confidence interval of the share">
                  {" "}
                  ({low}–{high})
                </span>
              ) : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
