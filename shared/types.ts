/** TypeScript types inferred from the zod schemas: type-only, safe to import anywhere. */
import type { z } from "zod";
import type * as a from "./api-schemas";
import type * as s from "./schemas";

export type { CesScore, CsatScore, NpsScore } from "./scoring";

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
export type TrendPoint = z.infer<typeof a.trendPointSchema>;
export type Summary = z.infer<typeof a.summarySchema>;
export type Breakdown = z.infer<typeof a.breakdownSchema>;
/** One item of GET /api/sites/:id/responses */
export type ResponseItem = z.infer<typeof a.responseItemSchema>;
export type ResponsesPage = z.infer<typeof a.responsesPageSchema>;
export type CustomerData = z.infer<typeof a.customerDataSchema>;
export type ErasureResult = z.infer<typeof a.erasureResultSchema>;
