/** TypeScript types inferred from the zod schemas: type-only, safe to import anywhere. */
import type { z } from "zod";
import type * as a from "./api-schemas";
import type * as links from "./link-schemas";
import type * as s from "./schemas";
import type { Interval, NpsComparison } from "./stats";

export type { CesScore, CsatScore, NpsScore } from "./scoring";
export type { Interval, NpsComparison } from "./stats";

export type LocalizedText = z.infer<typeof s.localizedTextSchema>;
export type Question = z.infer<typeof s.questionSchema>;
export type LogicCondition = z.infer<typeof s.logicConditionSchema>;
export type LogicRule = z.infer<typeof s.logicRuleSchema>;
export type EventInput = z.infer<typeof s.eventInputSchema>;
export type CrossTabQuery = z.infer<typeof s.crossTabQuerySchema>;

/** GET /api/sites/:siteId/crosstab: per option, how many of each column's respondents chose it, and their %. */
export interface CrossTab {
  survey: string;
  question: string;
  by: string;
  from: string;
  to: string;
  /** Segments (promoter, passive, detractor), or the context key's values with the most answers. */
  columns: { id: string; respondents: number }[];
  rows: { option: string; counts: number[]; shares: (number | null)[] }[];
  /** Present (true) when reading the raw answers ran out of time: the figures cover `coveredFrom`..`to` only. */
  partial?: true;
  /** With `partial`: the first day the figures cover (the newest days are read first). */
  coveredFrom?: string;
}
export type QuestionOption = z.infer<typeof s.optionSchema>;
export type Trigger = z.infer<typeof s.triggerSchema>;
export type ContextCondition = z.infer<typeof s.contextConditionSchema>;
export type Schedule = z.infer<typeof s.scheduleSchema>;
export type Theme = z.infer<typeof s.themeSchema>;
export type Reward = z.infer<typeof s.rewardSchema>;
export type LinkInput = z.infer<typeof links.linkInputSchema>;
export type QrQuery = z.infer<typeof links.qrQuerySchema>;
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

/**
 * A survey as the config serves it: with its theme's colours computed (shared/theme.ts), and
 * whether the widget needs widget-plus.js to draw it (shared/widget-parts.ts).
 */
export type ConfigSurvey = Survey & { colors: import("./theme").ThemeColors; plus: boolean };

/** GET /v1/sites/:key/config */
export interface SiteConfig {
  site: string;
  policy: { version: string; url: string | null; retentionDays: number };
  /** Days without any survey for a visitor after one was shown to them (0: off). */
  fatigueDays: number;
  /** The visitor's language among the built-in ones (from the `lang` candidates of the request). */
  locale: string;
  /** The surveys open now (schedule), lower priority first, then by creation. */
  surveys: ConfigSurvey[];
}

/**
 * What the hosted survey page (GET /s/:siteKey/:surveyId) hands to widget-hosted.js, as JSON in the
 * page: the survey as the config serves it, the language and channel, the link's context and signature,
 * and the answers its address prefilled (sent only after consent).
 */
export interface HostedPageData {
  site: string;
  policy: SiteConfig["policy"];
  survey: ConfigSurvey;
  locale: string;
  channel: import("./constants").LinkChannel;
  context: Record<string, string>;
  prefill: Record<string, number | string | string[]>;
  sig?: string;
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
export type WebhookTest = z.infer<typeof a.webhookTestSchema>;
export type WebhookInput = z.input<typeof s.webhookInputSchema>;

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
  /** Complete responses (`responses` counts partial ones too). */
  completed: number;
  /** Thumbs questions: the share of thumbs up, in %, with its Wilson 95% interval. */
  thumbs: { share: number | null; count: number; low: number | null; high: number | null };
  /** Every choice and multi question with its options' shares. */
  questions: QuestionResult[];
  funnel: Funnel;
  /** Responses per channel (popup, inline, link, QR code, email), most first. */
  channels: ChannelShare[];
  /**
   * Present (true) only when a filter the daily totals lack (context, locale, page) made the summary
   * read raw answers and that ran out of time: the figures cover `coveredFrom`..`to` only.
   */
  partial?: true;
  /** With `partial`: the first day the figures cover (the newest days are read first). */
  coveredFrom?: string;
}

/** One channel's responses and their NPS (from the daily counts, so it outlives raw answers). */
export interface ChannelShare {
  channel: import("./constants").Channel;
  responses: number;
  completed: number;
  /** % of the period's responses, one decimal. */
  share: number;
  nps: { score: number | null; count: number };
}

/** One option of a choice or multi question: answers that chose it, and their share (multi: of respondents). */
export interface OptionShare {
  id: string;
  count: number;
  /** % of the question's answers, one decimal; with its Wilson 95% interval. Null without answers. */
  share: number | null;
  low: number | null;
  high: number | null;
}

export interface QuestionResult {
  id: string;
  survey: string;
  type: "choice" | "multi";
  /** Answers to the question (multi: respondents). */
  count: number;
  options: OptionShare[];
}

/**
 * From the survey shown to the last question: `shown`/`declined`/`dismissed` are anonymous event
 * counts (null under a filter they do not carry: context, language, page); `started` counts stored
 * responses, `completed` complete ones; per question, responses whose path showed it and answers.
 */
export interface Funnel {
  shown: number | null;
  declined: number | null;
  dismissed: number | null;
  started: number;
  completed: number;
  questions: { id: string; survey: string; reached: number; answered: number }[];
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
  /** Present (true) when reading the raw answers ran out of time: the figures cover `coveredFrom`..`to` only. */
  partial?: true;
  /** With `partial`: the first day the figures cover (the newest days are read first). */
  coveredFrom?: string;
}

/**
 * GET /api/sites/:siteId/ingestion: answers the collector accepted and then did not write. In queue
 * mode the route answers 202 before the write; the consumer then drops a reused id with another body
 * (`idReused`), an answer whose respondent asked for erasure after consenting (`withdrawn`), and one
 * erased by a customer's data request in the meantime (`erased`).
 */
export interface IngestionHealth {
  site: string;
  from: string;
  to: string;
  dropped: { idReused: number; withdrawn: number; erased: number };
  /** Days with a drop, oldest first. */
  days: { day: string; idReused: number; withdrawn: number; erased: number }[];
}

/** GET /api/sites/:siteId/surveys/:surveyId/history: the versions, and the question ids with answers. */
export interface SurveyHistory {
  survey: string;
  version: number;
  versions: { version: number; createdAt: string; questions: string[] }[];
  /** Each question id that has answers, with its type in the latest version that has it. */
  answered: { id: string; type: string; answers: number }[];
}

/** One item of GET /api/sites/:id/responses */
export interface ResponseItem {
  id: string;
  survey: string;
  locale: string | null;
  page: string | null;
  device: string;
  context: Record<string, string>;
  createdAt: string;
  consent: { policy: string | null; at: string };
  status: "new" | "contacted" | "resolved";
  note: string | null;
  /** The survey version answered (null for answers stored before versions were kept). */
  version: number | null;
  /** False while more parts of the response may come. */
  complete: boolean;
  channel: import("./constants").Channel;
  /** When its last part arrived. */
  updatedAt: string;
  answers: { question: string; type: string; value: number | string | string[] }[];
}

export type ResponsesPage = z.infer<typeof a.responsesPageSchema>;
export type CustomerData = z.infer<typeof a.customerDataSchema>;
export type ErasureResult = z.infer<typeof a.erasureResultSchema>;

/**
 * The types written out above (summary, breakdown, responses, config…); their schemas (shared/api-schemas.ts,
 * from which the OpenAPI document is made) must say the same: these fail to compile when they drift.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type SchemasMatch = [
  Assert<Same<Summary, z.infer<typeof a.summarySchema>>>,
  Assert<Same<TrendPoint, z.infer<typeof a.trendPointSchema>>>,
  Assert<Same<Breakdown, z.infer<typeof a.breakdownSchema>>>,
  Assert<Same<ResponseItem, z.infer<typeof a.responseItemSchema>>>,
  Assert<Same<CrossTab, z.infer<typeof a.crossTabSchema>>>,
  Assert<Same<SurveyHistory, z.infer<typeof a.surveyHistorySchema>>>,
  Assert<Same<SiteConfig, z.infer<typeof a.siteConfigSchema>>>,
  Assert<Same<IngestionHealth, z.infer<typeof a.ingestionHealthSchema>>>,
];
