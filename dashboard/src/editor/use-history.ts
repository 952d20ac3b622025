/**
 * The question ids of a saved survey that already have answers, with their type (GET …/history):
 * the editor warns before a save the collector would refuse (an id with answers keeps its type).
 */
import { useEffect, useState } from "preact/hooks";
import type { SurveyHistory } from "../../../shared/types";
import { api } from "../api";
import type { Answered } from "./question-kind";

export function useAnswered(siteId: string, surveyId: string | undefined): Map<string, Answered> {
  const [answered, setAnswered] = useState<Map<string, Answered>>(new Map());
  useEffect(() => {
    if (!surveyId) return;
    let live = true;
    api<SurveyHistory>("GET", `/api/sites/${siteId}/surveys/${surveyId}/history`).then(
      (h) => live && setAnswered(new Map(h.answered.map((a) => [a.id, a]))),
      // Without the history the editor still works; the collector still refuses a type change.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [siteId, surveyId]);
  return answered;
}
