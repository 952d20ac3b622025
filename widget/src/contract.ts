/** What the loader hands to the lazily loaded UI (widget-ui.js), and back. Types only. */
import type { Survey } from "../../shared/types";
import type { SendResult } from "./api";
import type { Strings } from "./i18n/types";
import type { Delivery } from "./queue";

export type Answers = Record<string, number | string | string[]>;

/** The site-level facts and the loader's outbox, as the UI needs them to build and send an answer. */
export interface Session {
  base: string;
  site: string;
  policyVersion: string;
  locale: string;
  context(): Record<string, string>;
  /** Stores the body in the loader's outbox and tries to send it. */
  send(id: string, body: unknown): Promise<Delivery>;
  /** The loader's own helpers, passed over so that the UI bundle does not carry a second copy. */
  post(path: string, body: unknown): Promise<SendResult>;
  read<T>(key: string): T | null;
  write(key: string, value: unknown): boolean;
}

export interface OpenOptions {
  survey: Survey;
  strings: Strings;
  policyUrl: string | null;
  retentionDays: number;
  session: Session;
  /** Preview (dashboard): in-flow instead of fixed, nothing stored or sent. */
  preview?: boolean;
  onSubmitted(queued: boolean): void;
  onClose(reason: "dismissed" | "done"): void;
}

export interface UiModule {
  open(options: OpenOptions, host?: HTMLElement): () => void;
  forget(session: Session): Promise<boolean>;
}

declare global {
  interface Window {
    __fbUI?: UiModule;
    __fbL10n?: Record<string, Strings>;
  }
}
