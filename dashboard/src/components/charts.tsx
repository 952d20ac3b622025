/** Small, labelled, responsive SVG charts (no chart library: nothing inline that a strict CSP blocks). */
import type { TrendPoint } from "../../../shared/types";

const W = 640;
const H = 200;
const PAD = { l: 40, r: 12, t: 12, b: 28 };

export function TrendChart({ points, label }: { points: TrendPoint[]; label: string }) {
  if (points.length === 0) return <p class="empty">No answers in this period.</p>;
  const x = (i: number) => PAD.l + (points.length === 1 ? (W - PAD.l - PAD.r) / 2 : (i * (W - PAD.l - PAD.r)) / (points.length - 1));
  const y = (v: number) => PAD.t + ((100 - v) * (H - PAD.t - PAD.b)) / 200; // -100..100
  const line = (key: "nps" | "csat") =>
    points
      .map((p, i) => (p[key] === null ? null : `${x(i)},${y(p[key]!)}`))
      .filter(Boolean)
      .join(" ");
  const step = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {[-100, -50, 0, 50, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} class={v === 0 ? "axis" : "grid"} />
            <text x={PAD.l - 6} y={y(v) + 4} text-anchor="end" class="tick">{v}</text>
          </g>
        ))}
        <polyline points={line("nps")} class="nps-line" fill="none" />
        <polyline points={line("csat")} class="csat-line" fill="none" />
        {points.map((p, i) => (
          <g key={p.period}>
            {p.nps !== null ? <circle cx={x(i)} cy={y(p.nps)} r={3} class="nps-dot"><title>{`${p.period}: NPS ${p.nps} (${p.responses} responses)`}</title></circle> : null}
            {i % step === 0 ? <text x={x(i)} y={H - 8} text-anchor="middle" class="tick">{p.period.slice(5)}</text> : null}
          </g>
        ))}
      </svg>
      <figcaption><span class="key nps">NPS</span> <span class="key csat">CSAT % satisfied</span></figcaption>
    </figure>
  );
}

export function Distribution({ counts, label, first = 0 }: { counts: number[]; label: string; first?: number }) {
  const max = Math.max(1, ...counts);
  const w = W / counts.length;
  const cls = (score: number) => (counts.length !== 11 ? "bar" : score <= 6 ? "bar detractor" : score <= 8 ? "bar passive" : "bar promoter");
  return (
    <svg viewBox={`0 0 ${W} 160`} role="img" aria-label={label} class="chart">
      {counts.map((n, i) => {
        const h = (n / max) * 110;
        return (
          <g key={i}>
            <rect x={i * w + 4} y={130 - h} width={w - 8} height={h} class={cls(first + i)}><title>{`${first + i}: ${n}`}</title></rect>
            <text x={i * w + w / 2} y={125 - h} text-anchor="middle" class="tick">{n}</text>
            <text x={i * w + w / 2} y={150} text-anchor="middle" class="tick">{first + i}</text>
          </g>
        );
      })}
    </svg>
  );
}

export function SplitBar({ promoters, passives, detractors }: { promoters: number; passives: number; detractors: number }) {
  const total = promoters + passives + detractors || 1;
  const parts = [
    ["detractor", detractors],
    ["passive", passives],
    ["promoter", promoters],
  ] as const;
  let at = 0;
  return (
    <svg viewBox="0 0 300 14" class="split" role="img" aria-label={`${promoters} promoters, ${passives} passives, ${detractors} detractors`}>
      {parts.map(([k, n]) => {
        const w = (n / total) * 300;
        const r = <rect key={k} x={at} y={0} width={w} height={14} class={`bar ${k}`} />;
        at += w;
        return r;
      })}
    </svg>
  );
}
