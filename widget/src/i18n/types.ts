/** Interface strings of the widget. Every locale file has every key (tests/widget/i18n.test.ts). */
export interface Strings {
  dir?: "rtl";
  dialog: string;
  consentTitle: string;
  /** {n}: number of questions */
  consentWhat: string;
  consentWhy: string;
  consentStored: string;
  /** {days}: retention days of the site */
  consentKept: string;
  privacy: string;
  agree: string;
  decline: string;
  close: string;
  back: string;
  next: string;
  send: string;
  /** {i} of {n} */
  progress: string;
  npsLow: string;
  npsHigh: string;
  /** the two answers of a thumbs question (its accessible names; drawn as 👍 and 👎) */
  thumbsUp: string;
  thumbsDown: string;
  csat: [string, string, string, string, string];
  ces: [string, string, string, string, string, string, string];
  required: string;
  /** {n} characters left */
  left: string;
  thanks: string;
  queued: string;
  copy: string;
  copied: string;
  withdraw: string;
  withdrawn: string;
  error: string;
  /** the withdrawal (POST /v1/forget) did not go through */
  forgetFailed: string;
}
