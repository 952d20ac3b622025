/**
 * Runtime constants shared by widget, worker and dashboard.
 * Zod-free on purpose: the widget imports from here and must stay tiny.
 */

export const QUESTION_TYPES = ["nps", "csat", "ces", "choice", "multi", "text", "thumbs"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Inclusive score ranges of the scored question types (thumbs: 0 down, 1 up). */
export const SCORE_RANGE = {
  nps: [0, 10],
  csat: [1, 5],
  ces: [1, 7],
  thumbs: [0, 1],
} as const satisfies Record<string, readonly [number, number]>;
export type ScoredType = keyof typeof SCORE_RANGE;

/** The scales (drawn as a row of choices 0–10, 1–5, 1–7). */
export const SCALE_TYPES = ["nps", "csat", "ces"] as const;
export type ScaleType = (typeof SCALE_TYPES)[number];

/** How a scale is drawn; the stored value is the same number. Stars and emoji for CSAT, emoji for CES. */
export const SCALE_STYLES = ["numbers", "stars", "emoji"] as const;
export type ScaleStyle = (typeof SCALE_STYLES)[number];
export const STYLES_OF: Record<ScaleType, readonly ScaleStyle[]> = {
  nps: ["numbers"],
  csat: ["numbers", "stars", "emoji"],
  ces: ["numbers", "emoji"],
};

/** Operators of a logic rule's condition on the answer of its question. */
export const LOGIC_OPS = ["eq", "neq", "lt", "lte", "gt", "gte", "in", "answered", "skipped"] as const;
export type LogicOp = (typeof LOGIC_OPS)[number];
/** Where a rule may jump besides a later question. */
export const END_OF_SURVEY = "end";

/** Where a response came from. */
export const CHANNELS = ["widget", "inline", "link", "qr", "email"] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channels of the hosted survey page (a link, a QR code, an email), as its `channel=` parameter says. */
export const LINK_CHANNELS = ["link", "qr", "email"] as const;
export type LinkChannel = (typeof LINK_CHANNELS)[number];
/** Days a minted link stays valid unless the owner says otherwise, and at most. */
export const DEFAULT_LINK_DAYS = 30;
export const MAX_LINK_DAYS = 366;
/** Days an old link-signing secret may stay valid after a rotation (a rollover for shops' back ends). */
export const MAX_SECRET_GRACE_DAYS = 30;

/** Anonymous funnel events of POST /v1/events. */
export const FUNNEL_EVENTS = ["shown", "declined", "dismissed"] as const;
export type FunnelEvent = (typeof FUNNEL_EVENTS)[number];

/** 16 KiB (a literal, so that bundles which do not use it can drop it). */
export const MAX_BODY_BYTES = 16_384;
export const MAX_TEXT_ANSWER = 2000;
export const MAX_CONTEXT_KEYS = 10;
export const CONTEXT_KEY_PATTERN = /^[A-Za-z0-9_]{1,40}$/;
/** The same rule for an HTML `pattern` attribute, which anchors it itself (a test keeps the two equal). */
export const CONTEXT_PATTERN_ATTRIBUTE = "[A-Za-z0-9_]{1,40}";
export const MAX_CONTEXT_VALUE = 100;
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{21}$/;

export const FOLLOW_UP_STATUSES = ["new", "contacted", "resolved"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const SEGMENTS = ["promoter", "passive", "detractor"] as const;
export type Segment = (typeof SEGMENTS)[number];

/** NPS segments as inclusive score ranges: detractors 0–6, passives 7–8, promoters 9–10. */
export const SEGMENT_RANGE = {
  detractor: [0, 6],
  passive: [7, 8],
  promoter: [9, 10],
} as const satisfies Record<Segment, readonly [number, number]>;

/**
 * The highest score of an unhappy answer per type (NPS 0–6: the detractors; CSAT 1–2, CES 1–2, thumbs down): the
 * answers the owners' alerts fire on and the follow-up queue lists. Literals, so that bundlers can
 * drop what a bundle does not use (tests/shared keeps them equal to SEGMENT_RANGE).
 */
export const UNHAPPY_MAX = { nps: 6, csat: 2, ces: 2, thumbs: 0 } as const satisfies Record<ScoredType, number>;

export const POSITIONS = ["bottom-right", "bottom-left", "center"] as const;

/** Targeting (shared/targeting.ts): the devices a survey may open on, told apart in the browser. */
export const TARGET_DEVICES = ["phone", "tablet", "desktop"] as const;
export type TargetDevice = (typeof TARGET_DEVICES)[number];
/** `new`: during the visitor's first visit to the shop; `returning`: any later visit. */
export const VISITOR_KINDS = ["all", "new", "returning"] as const;
/** `translated`: only visitors whose language the survey is written in; `any`: the others too, in its fallback. */
export const LANGUAGE_RULES = ["any", "translated"] as const;
/** After its cooldown a survey asks again `always`, or only a visitor who never completed it. */
export const ASK_AGAIN = ["always", "unanswered"] as const;
/** Operators of conditions on the page's context (as in logic; numbers compared as numbers). */
export const CONTEXT_OPS = ["eq", "neq", "lt", "lte", "gt", "gte", "in"] as const;
/** Days without any survey after one was shown, unless the site sets its own (0 turns it off). */
export const DEFAULT_FATIGUE_DAYS = 14;
/** A survey without a priority comes after those with one (lower first), then by creation. */
export const DEFAULT_PRIORITY = 100;
/** Minutes without a page load after which the next page load starts a new visit. */
export const VISIT_GAP_MINUTES = 30;
/** The campaign parameters of a visit's landing page kept (after consent) as the answer's context. */
export const CAMPAIGN_KEYS = ["utm_source", "utm_medium", "utm_campaign"] as const;

/** Locales whose interface strings the widget ships. */
export const BUILT_IN_LOCALES = ["en", "ro", "pl", "cs", "hy", "de", "fr", "es", "ar", "he"] as const;

export const DEVICE_CLASSES = ["mobile", "tablet", "desktop", "unknown"] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

export const DEFAULT_RETENTION_DAYS = 365;

/** Roles on a site, weakest first: a viewer reads; an editor also edits surveys and follow-ups; an owner also
 * manages the site, its members, tokens, webhooks and deletion. */
export const ROLES = ["viewer", "editor", "owner"] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` may do what `needed` may (a role can do everything a weaker one can). */
export const roleAllows = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

/** The weaker of two roles (a token acts with at most its scope's role and its maker's role). */
export const weakerRole = (a: Role, b: Role): Role => (ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b);

/** API token scopes, narrowest first, and the role each acts with: read (summary, responses, export),
 * write (also surveys and follow-ups), admin (also the site, members, tokens, webhooks). */
export const TOKEN_SCOPES = ["read", "write", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const SCOPE_ROLE = { read: "viewer", write: "editor", admin: "owner" } as const satisfies Record<
  TokenScope,
  Role
>;

/** `open`: anyone may sign up. `invite`: the first account may, every later one needs an invitation. */
export const SIGNUP_MODES = ["open", "invite"] as const;
export type SignupMode = (typeof SIGNUP_MODES)[number];

/** How long an invitation link stays valid. */
export const INVITATION_TTL_DAYS = 7;

/**
 * PBKDF2-SHA256 iterations of new password hashes: the most the Workers runtime allows. Each hash
 * records its own count, so a hash made with fewer is upgraded at the next sign-in.
 */
export const PBKDF2_ITERATIONS = 100_000;
