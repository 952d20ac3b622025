/** TypeScript types inferred from the zod schemas: type-only, safe to import anywhere. */
import type { z } from "zod";
import type * as a from "./api-schemas";
import type * as s from "./schemas";
import type { Interval, NpsComparison } from "./stats";

export type { CesScore, CsatScore, NpsScore } from "./scoring";
export type { Interval, NpsComparison } from "./stats";

export type LocalizedText = z.infer<typeof s.localizedTextSchema>;
export type Question = z.infer<typeof s.questionSchema>;
export type QuestionOption = z.infer<typeof s.optionSchema>;
export type Trigger = z.infer<typeof s.triggerSchema>;
export type Theme = z.infer<typeof s.themeSchema>;
export type Reward = z.infer<typeof s.rewardSchema>;
export type SurveyInput = z.input<typeof s.surveyInputSchema>;
export type Survey = z.infer<typeof s.surveySchema>;
export type ResponseInput = z.infer<typeof s.responseInputSchema>;
export type AnswerValue = z.infer<typeof s.answerValueSchema>;
export type ForgetInput = z.infer<typeof s.forgetInputSchema>;
export type SiteInput = z.input<typeof s.siteInputSchema>;
export type SummaryQuery = z.infer<typeof s.summaryQuerySchema>;
export type ResponsesQuery = z.infer<typeof s.responsesQuerySchema>;
export type FollowUp = z.infer<typeof s.followUpSchema>;
export type TokenInput = z.input<typeof s.tokenInputSchema>;
export type MemberInput = z.infer<typeof s.memberInputSchema>;

/** A survey as the config serves it: with its theme's colours computed (shared/theme.ts). */
export type ConfigSurvey = Survey & { colors: import("./theme").ThemeColors };

/** GET /v1/sites/:key/config */
export interface SiteConfig {
  site: string;
  policy: { version: string; url: string | null; retentionDays: number };
  surveys: ConfigSurvey[];
}

/** What the API answers (shared/api-schemas.ts). */
export type Site = z.infer<typeof a.siteSchema>;
export type Account = z.infer<typeof a.accountSchema>;
export type Member = z.infer<typeof a.memberSchema>;
export type InvitationCreated = z.infer<typeof a.invitationCreatedSchema>;
export type ApiToken = z.infer<typeof a.tokenSchema>;
export type ApiTokenCreated = z.infer<typeof a.tokenCreatedSchema>;
export type Webhook = z.infer<typeof a.webhookSchema>;
export type WebhookCreated = z.infer<typeof a.webhookCreatedSchema>;
export type AlertDelivery = z.infer<typeof a.alertDeliverySchema>;

export interface TrendPoint {
  period: string;
  responses: number;
  nps: number | null;
  /** The period's NPS 95% interval (adjusted Wald), null without NPS answers. */
  npsLow: number | null;
  npsHigh: number | null;
  csat: number | null;
}

export interface Summary {
  site: string;
  survey: string | null;
  from: string;
  to: string;
  responses: number;
  nps: import("./scoring").NpsScore;
  csat: import("./scoring").CsatScore;
  ces: import("./scoring").CesScore;
  trend: TrendPoint[];
  context?: { key: string; value: string } | null;
}

/** One row of GET /api/sites/:id/breakdown: satisfaction of one value of a context key (e.g. one product). */
export interface BreakdownRow {
  value: string;
  responses: number;
  nps: {
    score: number | null;
    count: number;
    marginOfError: number | null;
    interval: Interval | null;
    promoters: number;
    detractors: number;
    /** This value's NPS against that of every other value of the key (null if either has no NPS answer). */
    vsRest: NpsComparison | null;
  };
  csat: { score: number | null; interval: Interval | null; average: number | null; count: number };
  ces: { average: number | null; interval: Interval | null; count: number };
}

/** GET /api/sites/:id/breakdown */
export interface Breakdown {
  site: string;
  key: string;
  from: string;
  to: string;
  rows: BreakdownRow[];
}

/** One item of GET /api/sites/:id/responses */
export type ResponseItem = z.infer<typeof a.responseItemSchema>;
export type ResponsesPage = z.infer<typeof a.responsesPageSchema>;
export type CustomerData = z.infer<typeof a.customerDataSchema>;
export type ErasureResult = z.infer<typeof a.erasureResultSchema>;

/**
 * The summary's and breakdown's types are written out above; their schemas (shared/api-schemas.ts,
 * from which the OpenAPI document is made) must say the same: these fail to compile when they drift.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type SchemasMatch = [
  Assert<Same<Summary, z.infer<typeof a.summarySchema>>>,
  Assert<Same<TrendPoint, z.infer<typeof a.trendPointSchema>>>,
  Assert<Same<Breakdown, z.infer<typeof a.breakdownSchema>>>,
];
