/**
 * What the loader hands to the lazily loaded parts (widget-ui.js, widget-send.js, widget-plus.js),
 * and back. Types only.
 */

import type { FunctionComponent } from "preact";
import type { Channel } from "../../shared/constants";
import type { nextIndex, surveyPath } from "../../shared/logic";
import type { ConfigSurvey, ResponseInput, SiteConfig } from "../../shared/types";
import type { SendResult } from "./api";
import type { Strings } from "./i18n/types";
import type { QuestionProps } from "./questions/types";
import type { Delivery } from "./queue";

export type Answers = Record<string, number | string | string[]>;

/** Events of `Feedback.on`. */
export type EventName = "ready" | "shown" | "submitted" | "dismissed" | "error";

/** What the loader knows of the site and the visitor, handed to the UI. */
export interface SiteFacts {
  base: string;
  site: string;
  policyVersion: string;
  locale: string;
  context(): Record<string, string>;
  /** The loader's storage helpers, passed over so that the UI bundle does not carry a second copy. */
  read<T>(key: string): T | null;
  write(key: string, value: unknown): boolean;
  /** Tells the page's listeners (`Feedback.on`). */
  emit(event: EventName, detail: unknown): void;
  /** widget-send.js, fetched on first use (the loader checks its integrity like the UI's). */
  sender(): Promise<SendModule>;
  /** The hosted page's signed link: its signature goes with every answer. */
  sig?: string | undefined;
}

/** The facts plus delivery (the outbox), inside widget-send.js. */
export interface Session extends SiteFacts {
  /** Stores the body in the outbox and tries to send it. */
  send(id: string, body: unknown): Promise<Delivery>;
  post(path: string, body: unknown): Promise<SendResult>;
}

export interface OpenOptions {
  survey: ConfigSurvey;
  strings: Strings;
  policyUrl: string | null;
  retentionDays: number;
  session: SiteFacts;
  /** Where the survey is answered (recorded with the response): the popup unless said otherwise. */
  channel?: Channel;
  /** Drawn in place on the page (an embed or the hosted page), not as a popup: no close button. */
  inline?: boolean;
  /** Answers given before the survey opened (a score clicked in an email): sent only after consent. */
  prefill?: Answers;
  /** Preview (dashboard): in-flow instead of fixed, nothing stored or sent. */
  preview?: boolean;
  onSubmitted(queued: boolean): void;
  onClose(reason: "dismissed" | "done"): void;
  /** The survey is drawn (its first render, a task after `open` returned on a shop page). */
  onShown?(): void;
  /** It could not be drawn after all: nothing of it is left on the page. */
  onError?(): void;
}

/** The UI's own drawing pieces, handed to widget-plus.js (so that it never carries a second Preact). */
export interface Kit {
  h: typeof import("preact").h;
  Fragment: typeof import("preact").Fragment;
  Options: typeof import("./questions/options").Options;
}

/**
 * What only some surveys need (widget-plus.js): logic, choice lists, thumbs, stars and faces,
 * rewards, the modal's trap, the look of a preview and of a survey drawn in place.
 */
export interface Plus {
  nextIndex: typeof nextIndex;
  surveyPath: typeof surveyPath;
  /** The pictures of a scale's choices in a style (stars, emoji), or null to draw numbers. */
  faces: NonNullable<QuestionProps["faces"]>;
  /** The styles of what it draws. */
  css: string;
  Thumbs: FunctionComponent<QuestionProps>;
  /** One or several of the owner's options (choice, multi). */
  Choice: FunctionComponent<QuestionProps>;
  Reward: FunctionComponent<{ text: string; code: string | undefined; copy: string; copied(): void }>;
  trap(e: KeyboardEvent): void;
}

/** widget-plus.js registers this; the UI calls it with its kit when a survey needs it. */
export type PlusFactory = (kit: Kit) => Plus;

export interface UiModule {
  open(options: OpenOptions, host?: HTMLElement): () => void;
  /**
   * The loader's popup: the survey with the config's policy in the visitor's language; it records the
   * visitor's flags (widget/src/flags.ts) and tells the page's listeners. `closed` is called once it closes.
   */
  popup(survey: ConfigSurvey, config: SiteConfig, session: SiteFacts, closed: () => void): () => void;
  /** Draws the surveys the page places itself (`<div data-feedback-survey="ID">`), each once. */
  inline(config: SiteConfig, session: SiteFacts): void;
}

/** A response being answered: one id for every part of it, and what every part says besides its answers. */
export type ResponseDraft = Omit<ResponseInput, "answers" | "complete">;

/**
 * widget-send.js: consent, the outbox and erasure. Only a visitor who agrees to answer needs it
 * (or a page that finds answers left in the outbox, or `Feedback.forget()`), so the UI that shows
 * a survey does not carry it.
 */
export interface SendModule {
  /** Records consent to the facts' policy version and begins a response (its id, token, context). */
  begin(facts: SiteFacts, survey: { id: string; version: number }, channel: Channel): ResponseDraft;
  /** Sends the answers so far as one part of the response (the outbox keeps only the latest). */
  sendPart(facts: SiteFacts, draft: ResponseDraft, answers: Answers, complete: boolean): Promise<Delivery>;
  /** Withdraws consent: queued answers dropped, the collector erases the rest, the token goes. */
  forget(facts: SiteFacts): Promise<boolean>;
  /** Sends what an earlier page left in the outbox. */
  flush(facts: SiteFacts): void;
}

declare global {
  interface Window {
    __fbPlus?: PlusFactory;
    __fbUI?: UiModule;
    __fbSend?: SendModule;
    __fbL10n?: Record<string, Strings>;
  }
}
