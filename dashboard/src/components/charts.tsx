/**
 * Small, labelled, responsive SVG charts. Plain SVG with classes (no inline styles), so the strict
 * CSP holds; every chart has an accessible name and a visually hidden data table.
 */
import type { RefObject } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { npsSegment } from "../../../shared/scoring";
import type { TrendPoint } from "../../../shared/types";
import { TableHead } from "./table";

const PAD = { l: 44, r: 44, t: 14, b: 30 };

const periodLabel = (p: string) => (/^\d{4}-\d{2}$/.test(p) ? p : p.slice(5));

/**
 * The rendered width of a chart's box: the SVG is drawn at that width (one unit = one pixel), so
 * its labels keep their size on a phone instead of shrinking with a fixed viewBox.
 */
export function useWidth(fallback: number): [RefObject<HTMLDivElement>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (w: number) => w > 0 && setWidth(Math.round(w));
    measure(el.clientWidth);
    const ro = new ResizeObserver(([entry]) => entry && measure(entry.contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export function TrendChart({ points, label }: { points: TrendPoint[]; label: string }) {
  const [box, measured] = useWidth(720);
  return (
    <div ref={box} class="chart-box">
      {points.length === 0 || points.every((p) => p.responses === 0) ? (
        <p class="empty">No answers in this period.</p>
      ) : (
        <Trend points={points} label={label} width={Math.max(280, measured)} />
      )}
    </div>
  );
}

function Trend({ points, label, width: W }: { points: TrendPoint[]; label: string; width: number }) {
  const H = Math.min(320, Math.max(200, Math.round(W * 0.3)));
  const innerW = W - PAD.l - PAD.r;
  const innerH = H - PAD.t - PAD.b;
  const slot = innerW / points.length;
  const x = (i: number) => PAD.l + slot * (i + 0.5);
  const y = (v: number) => PAD.t + ((100 - v) * innerH) / 200; // −100…100
  const maxResp = Math.max(1, ...points.map((p) => p.responses));
  const yr = (n: number) => (n / maxResp) * innerH * 0.35; // responses: light bars in the lower third
  const path = (key: "nps" | "csat") => {
    let d = "";
    let pen = false;
    points.forEach((p, i) => {
      const v = p[key];
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  const band = npsBand(points, x, y, Math.min(slot * 0.2, 6));
  const step = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(innerW / 64))));
  return (
    <figure class="chart-figure">
      <svg viewBox={`0 0 ${W} ${H}`} class="chart" role="img" aria-label={label}>
        {points.map((p, i) =>
          p.responses ? (
            <rect
              key={`r${p.period}`}
              x={x(i) - slot * 0.35}
              width={slot * 0.7}
              y={PAD.t + innerH - yr(p.responses)}
              height={yr(p.responses)}
              class="resp-bar"
            />
          ) : null,
        )}
        {[-100, -50, 0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} class={v === 0 ? "axis" : "grid"} />
            <text x={PAD.l - 6} y={y(v) + 4} text-anchor="end" class="tick">
              {v}
            </text>
          </g>
        ))}
        <text x={W - PAD.r + 6} y={PAD.t + innerH + 4} class="tick">
          0
        </text>
        <text x={W - PAD.r + 6} y={PAD.t + innerH - innerH * 0.35 + 4} class="tick">
          {maxResp}
        </text>
        {band ? <path d={band} class="nps-band" /> : null}
        <path d={path("csat")} class="csat-line" fill="none" />
        <path d={path("nps")} class="nps-line" fill="none" />
        {points.map((p, i) => (
          <g key={p.period}>
            {p.csat !== null ? (
              <rect x={x(i) - 3} y={y(p.csat) - 3} width={6} height={6} class="csat-dot">
                <title>{`${p.period}: CSAT ${p.csat}%`}</title>
              </rect>
            ) : null}
            {p.nps !== null ? (
              <circle cx={x(i)} cy={y(p.nps)} r={3.5} class="nps-dot">
                <title>
                  {`${p.period}: NPS ${p.nps}${p.npsLow !== null ? `, 95% between ${p.npsLow} and ${p.npsHigh}` : ""}` +
                    ` (${p.responses} responses)`}
                </title>
              </circle>
            ) : null}
            {i % step === 0 ? (
              <text x={x(i)} y={H - 10} text-anchor="middle" class="tick">
                {periodLabel(p.period)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <figcaption>
        <span class="key nps">NPS (−100 to 100)</span> <span class="key band">NPS 95% interval</span>{" "}
        <span class="key csat">CSAT, % satisfied</span> <span class="key resp">responses (right scale)</span>
      </figcaption>
      <table class="sr-only">
        <caption>{label}</caption>
        <TableHead columns={["Period", "Responses", "NPS", "NPS 95% low", "NPS 95% high", "CSAT %"]} />
        <tbody>
          {points.map((p) => (
            <tr key={p.period}>
              <th scope="row">{p.period}</th>
              <td>{p.responses}</td>
              <td>{p.nps ?? "—"}</td>
              <td>{p.npsLow ?? "—"}</td>
              <td>{p.npsHigh ?? "—"}</td>
              <td>{p.csat ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/**
 * The NPS 95% interval as one closed shape per run of periods that have NPS answers: along the
 * upper ends, back along the lower ends. A lone period gets a narrow box, so it stays visible.
 */
function npsBand(points: TrendPoint[], x: (i: number) => number, y: (v: number) => number, halfWidth: number) {
  const runs: { x: number; low: number; high: number }[][] = [[]];
  points.forEach((p, i) => {
    if (p.npsLow == null || p.npsHigh == null) runs.push([]);
    else runs[runs.length - 1]!.push({ x: x(i), low: y(p.npsLow), high: y(p.npsHigh) });
  });
  const xy = (px: number, py: number) => `${px.toFixed(1)},${py.toFixed(1)}`;
  return runs
    .filter((run) => run.length)
    .map((run) => {
      const at =
        run.length === 1
          ? [
              { ...run[0]!, x: run[0]!.x - halfWidth },
              { ...run[0]!, x: run[0]!.x + halfWidth },
            ]
          : run;
      const upper = at.map((p, k) => `${k ? "L" : "M"}${xy(p.x, p.high)}`);
      const lower = [...at].reverse().map((p) => `L${xy(p.x, p.low)}`);
      return `${upper.join("")}${lower.join("")}Z`;
    })
    .join("");
}

export function Distribution({ counts, label, first = 0 }: { counts: number[]; label: string; first?: number }) {
  const [box, measured] = useWidth(counts.length * 65);
  const max = Math.max(1, ...counts);
  const total = counts.reduce((a, b) => a + b, 0);
  // Drawn at the box's width, but never so narrow that a bar cannot hold "100%".
  const width = Math.max(measured, counts.length * 28);
  const w = width / counts.length;
  const height = Math.min(240, Math.max(170, Math.round(width * 0.2)));
  const axis = height - 40;
  const cls = (score: number) => (counts.length !== 11 ? "bar" : `bar ${npsSegment(score)}`);
  return (
    <div ref={box} class="chart-box">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} class="chart">
        <line x1={0} x2={width} y1={axis} y2={axis} class="axis" />
        {counts.map((n, i) => {
          const h = (n / max) * (axis - 25);
          return (
            <g key={i}>
              <rect x={i * w + 5} y={axis - h} width={w - 10} height={h} class={cls(first + i)}>
                <title>{`${first + i}: ${n}`}</title>
              </rect>
              <text x={i * w + w / 2} y={axis - 6 - h} text-anchor="middle" class="tick">
                {n}
              </text>
              <text x={i * w + w / 2} y={axis + 18} text-anchor="middle" class="tick strong">
                {first + i}
              </text>
              <text x={i * w + w / 2} y={axis + 34} text-anchor="middle" class="tick">
                {total ? `${Math.round((n / total) * 100)}%` : ""}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

export function SplitBar({
  promoters,
  passives,
  detractors,
}: {
  promoters: number;
  passives: number;
  detractors: number;
}) {
  const total = promoters + passives + detractors || 1;
  const parts = [
    ["detractor", detractors],
    ["passive", passives],
    ["promoter", promoters],
  ] as const;
  let at = 0;
  return (
    <svg
      viewBox="0 0 300 16"
      preserveAspectRatio="none"
      class="split"
      role="img"
      aria-label={`${promoters} promoters, ${passives} passives, ${detractors} detractors`}
    >
      {parts.map(([k, n]) => {
        const w = (n / total) * 300;
        const r = <rect key={k} x={at} y={0} width={w} height={16} class={`bar ${k}`} />;
        at += w;
        return r;
      })}
    </svg>
  );
}
