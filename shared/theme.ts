/**
 * Colours of a survey's theme, derived from the owner's accent so that every text keeps WCAG AA
 * contrast (4.5:1). Computed by the collector (served with the config) and by the dashboard's
 * preview: the widget only applies them, so this arithmetic never weighs on the shop's page.
 */

/** The widget's panel backgrounds, light and dark (widget/src/styles.ts). */
export const PANEL_LIGHT = "#ffffff";
export const PANEL_DARK = "#1f2024";

export interface ThemeColors {
  /** The owner's accent: selected answers and the primary button. */
  accent: string;
  /** Text on the accent: black or white, whichever reads better. */
  on: string;
  /** Links and focus rings on the light panel. */
  link: string;
  /** Links and focus rings on the dark panel. */
  linkDark: string;
}

const channel = (c: number) => {
  const v = c / 255;
  return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const luminance = (hex: string) => {
  const [r, g, b] = rgb(hex).map(channel) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** WCAG 2 contrast ratio of two #rrggbb colours. */
export const contrast = (a: string, b: string): number => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
};

const mix = (hex: string, toward: number, t: number) =>
  `#${rgb(hex)
    .map((c) =>
      Math.round(c + (toward - c) * t)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;

/** The accent moved toward black (or white) until it reads at WCAG AA (4.5:1) on `bg`. */
export function readable(accent: string, bg: string): string {
  const toward = luminance(bg) > 0.5 ? 0 : 255;
  for (let t = 0; t <= 1; t += 0.05) {
    const c = mix(accent, toward, t);
    if (contrast(c, bg) >= 4.5) return c;
  }
  return toward ? "#ffffff" : "#000000";
}

export const DEFAULT_ACCENT = "#0a7cff";

/** Every colour of a theme from its accent (an invalid accent falls back to the default). */
export function themeColors(accent: string): ThemeColors {
  const a = /^#[0-9a-f]{6}$/i.test(accent) ? accent.toLowerCase() : DEFAULT_ACCENT;
  return {
    accent: a,
    on: contrast(a, "#000000") >= contrast(a, "#ffffff") ? "#000000" : "#ffffff",
    link: readable(a, PANEL_LIGHT),
    linkDark: readable(a, PANEL_DARK),
  };
}
