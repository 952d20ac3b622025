/** Types of demo-survey.mjs (the demo survey of `npm run dev`, in its two versions). */
import type { SurveyInput } from "../../shared/types";

export declare const DEMO_SURVEY_V1: SurveyInput;
export declare const DEMO_SURVEY: SurveyInput;
/** The questions a demo customer of `version` (1 or 2) with this NPS goes through. */
export declare function demoPath(version: 1 | 2, nps: number): string[];
