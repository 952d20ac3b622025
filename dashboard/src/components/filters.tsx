/** The results filters: period (presets and custom), survey, channel, language, page and shop context. */
import { BUILT_IN_LOCALES, CHANNELS, type Channel, CONTEXT_PATTERN_ATTRIBUTE } from "../../../shared/constants";
import type { Survey } from "../../../shared/types";
import { isoDay } from "./form";

export interface Filters {
  preset: "7" | "30" | "90" | "custom";
  from: string;
  to: string;
  survey: string;
  /** Where the answers were given: popup, inline, link, QR code, email ("" for all). */
  channel: string;
  locale: string;
  page: string;
  contextKey: string;
  contextValue: string;
}

export const defaultFilters = (): Filters => ({
  preset: "30",
  from: isoDay(29),
  to: isoDay(0),
  survey: "",
  channel: "",
  locale: "",
  page: "",
  contextKey: "productId",
  contextValue: "",
});

/** How the dashboard names each channel. */
export const CHANNEL_NAMES: Record<Channel, string> = {
  widget: "Popup",
  inline: "On the page",
  link: "Link",
  qr: "QR code",
  email: "Email",
};

const PRESETS = ["7", "30", "90", "custom"] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Filters as a URL query (`preset=90&survey=s_x`), kept in the hash so a reload, a bookmark or a
 * link sent to a colleague opens the same view. Presets stay relative ("last 30 days" from today).
 */
export function filtersToParams(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.preset !== "30") p.set("preset", f.preset);
  if (f.preset === "custom") {
    p.set("from", f.from);
    p.set("to", f.to);
  }
  for (const k of ["survey", "channel", "locale", "page", "contextValue"] as const)
    if (f[k].trim()) p.set(k, f[k].trim());
  if (f.contextKey.trim() && f.contextKey.trim() !== "productId") p.set("contextKey", f.contextKey.trim());
  return p;
}

export function filtersFromParams(p: URLSearchParams): Filters {
  const f = defaultFilters();
  const preset = p.get("preset") as Filters["preset"] | null;
  if (preset && (PRESETS as readonly string[]).includes(preset)) {
    f.preset = preset;
    if (preset === "custom") {
      const from = p.get("from") ?? "";
      const to = p.get("to") ?? "";
      if (DAY.test(from)) f.from = from;
      if (DAY.test(to)) f.to = to;
    } else {
      f.from = isoDay(Number(preset) - 1);
    }
  }
  for (const k of ["survey", "locale", "page", "contextKey", "contextValue"] as const) {
    const v = p.get(k);
    if (v !== null) f[k] = v.slice(0, 2048);
  }
  const channel = p.get("channel");
  if (channel && (CHANNELS as readonly string[]).includes(channel)) f.channel = channel;
  return f;
}

/** The stored page has no query string or fragment (API.md): a pasted full URL still matches. */
const pagePath = (page: string) => page.trim().replace(/[?#].*$/, "");

/** The query parameters of the contract's summary / responses / export routes. */
export const filterQuery = (f: Filters) => ({
  from: f.from,
  to: f.to,
  survey: f.survey,
  channel: f.channel,
  locale: f.locale,
  page: pagePath(f.page),
  context: f.contextKey.trim() && f.contextValue.trim() ? `${f.contextKey.trim()}:${f.contextValue.trim()}` : "",
});

export function FilterBar({
  value,
  surveys,
  onChange,
}: {
  value: Filters;
  surveys: Survey[];
  onChange(f: Filters): void;
}) {
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const choosePreset = (p: Filters["preset"]) =>
    p === "custom" ? set({ preset: p }) : set({ preset: p, from: isoDay(Number(p) - 1), to: isoDay(0) });
  return (
    <form class="filters card" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
      <label>
        Period
        <select value={value.preset} onChange={(e) => choosePreset(e.currentTarget.value as Filters["preset"])}>
          <option value="7">Last 7 days</option>
          <option value="30">Last 30 days</option>
          <option value="90">Last 90 days</option>
          <option value="custom">Custom range</option>
        </select>
      </label>
      {value.preset === "custom" ? (
        <>
          <label>
            From
            <input
              type="date"
              value={value.from}
              max={value.to}
              onChange={(e) => e.currentTarget.value && set({ from: e.currentTarget.value })}
            />
          </label>
          <label>
            To
            <input
              type="date"
              value={value.to}
              min={value.from}
              onChange={(e) => e.currentTarget.value && set({ to: e.currentTarget.value })}
            />
          </label>
        </>
      ) : null}
      <label>
        Survey
        <select value={value.survey} onChange={(e) => set({ survey: e.currentTarget.value })}>
          <option value="">All surveys</option>
          {surveys.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Channel
        <select value={value.channel} onChange={(e) => set({ channel: e.currentTarget.value })}>
          <option value="">All</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_NAMES[c]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Language
        <select value={value.locale} onChange={(e) => set({ locale: e.currentTarget.value })}>
          <option value="">All</option>
          {BUILT_IN_LOCALES.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label class="grow">
        Page
        <input
          type="search"
          placeholder="https://shop.example/checkout/thank-you"
          title="The full address of a page, without ?query or #fragment"
          value={value.page}
          onChange={(e) => set({ page: e.currentTarget.value })}
        />
      </label>
      <fieldset class="context-filter">
        <legend>Shop context</legend>
        <input
          aria-label="Context key"
          class="short"
          value={value.contextKey}
          pattern={CONTEXT_PATTERN_ATTRIBUTE}
          onChange={(e) => set({ contextKey: e.currentTarget.value })}
        />
        <span aria-hidden="true">=</span>
        <input
          aria-label="Context value"
          type="search"
          placeholder="any value, e.g. sku-77"
          value={value.contextValue}
          onChange={(e) => set({ contextValue: e.currentTarget.value })}
        />
      </fieldset>
      {filtersToParams(value).toString() ? (
        <button type="button" class="link" onClick={() => onChange(defaultFilters())}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
