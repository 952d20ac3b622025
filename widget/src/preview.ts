/**
 * The dashboard's live preview: the real UI components and styles, rendered into `container`
 * (in-flow, not fixed) with every locale's strings bundled, sending nothing.
 */

import { DEFAULT_RETENTION_DAYS } from "../../shared/constants";
import { themeColors } from "../../shared/theme";
import type { Survey } from "../../shared/types";
import { STRINGS } from "./i18n";
import "./plus";
import { open } from "./host";

/**
 * Renders `survey` as customers will see it, inside a shadow root on `container`; returns the
 * unmount function. `retentionDays` (optional) fills the consent text.
 * @example const unmount = renderPreview(el, survey, { locale: "ro", policyUrl: site.policyUrl });
 */
export function renderPreview(
  container: HTMLElement,
  survey: Survey,
  options: { locale?: string; policyUrl?: string | null; retentionDays?: number } = {},
): () => void {
  const locale = options.locale && STRINGS[options.locale] ? options.locale : "en";
  return open(
    {
      survey: { ...survey, colors: themeColors(survey.theme.accent), plus: true },
      strings: STRINGS[locale]!,
      policyUrl: options.policyUrl ?? null,
      retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
      preview: true,
      session: {
        base: "",
        site: "preview",
        policyVersion: "preview",
        locale,
        context: () => ({}),
        read: () => null,
        write: () => true,
        emit() {},
        // The preview sends nothing: the panel never asks for widget-send.js there.
        sender: () => Promise.reject(new Error("preview")),
      },
      onSubmitted() {},
      onClose() {},
    },
    container,
  );
}
