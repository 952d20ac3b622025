/** What the loader hands to the lazily loaded UI (widget-ui.js), and back. Types only. */
import type { ConfigSurvey } from "../../shared/types";
import type { SendResult } from "./api";
import type { Strings } from "./i18n/types";
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
}

/** The facts plus delivery, which lives in the UI bundle (the outbox): what the UI's parts work with. */
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
  /** Preview (dashboard): in-flow instead of fixed, nothing stored or sent. */
  preview?: boolean;
  onSubmitted(queued: boolean): void;
  onClose(reason: "dismissed" | "done"): void;
}

export interface UiModule {
  open(options: OpenOptions, host?: HTMLElement): () => void;
  forget(facts: SiteFacts): Promise<boolean>;
  /** Sends what an earlier page left in the outbox (the loader fetches the UI only then, or to show a survey). */
  flush(facts: SiteFacts): void;
}

declare global {
  interface Window {
    __fbUI?: UiModule;
    __fbL10n?: Record<string, Strings>;
  }
}
