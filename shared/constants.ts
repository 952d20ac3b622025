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

/** Locales whose interface strings the widget ships. */
export const BUILT_IN_LOCALES = ["en", "ro", "pl", "cs", "hy", "de", "fr", "es", "ar", "he"] as const;

export const DEVICE_CLASSES = ["mobile", "tablet", "desktop", "unknown"] as const;
export type DeviceClass = (typeof DEVICE_CLASSES)[number];

export const DEFAULT_RETENTION_DAYS = 365;

/**
 * PBKDF2-SHA256 iterations of new password hashes: the most the Workers runtime allows. Each hash
 * records its own count, so a hash made with fewer is upgraded at the next sign-in.
 */
export const PBKDF2_ITERATIONS = 100_000;
