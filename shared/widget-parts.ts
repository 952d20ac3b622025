/**
 * Which surveys the widget draws with widget-plus.js besides its UI: the UI bundle has a byte
 * budget, so what only some surveys need (logic, choice lists, thumbs, stars and faces, a reward,
 * the centred modal) is fetched only for them. Decided when the config is served, so that the
 * loader only reads a flag.
 */
import type { Survey } from "./types";

export const needsWidgetPlus = (survey: Survey): boolean =>
  !!survey.reward ||
  survey.theme.position === "center" ||
  survey.questions.some(
    (q) =>
      !!q.logic?.length ||
      q.type === "thumbs" ||
      q.type === "choice" ||
      q.type === "multi" ||
      (!!q.style && q.style !== "numbers"),
  );
