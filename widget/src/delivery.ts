/**
 * Delivery, in the UI bundle: the loader fetches this bundle to show a survey, or at start-up
 * when an earlier page left answers in the outbox. One outbox per collector and page, made on
 * first use (its `online` and `pagehide` listeners come with it).
 */
import { post } from "./api";
import type { Session, SiteFacts } from "./contract";
import { type Outbox, outbox } from "./queue";

const boxes: Record<string, Outbox> = {};

export function outboxOf(facts: SiteFacts): Outbox {
  if (!boxes[facts.base]) {
    boxes[facts.base] = outbox(facts.base, facts, (item) => facts.emit("error", { reason: "refused", id: item.id }));
  }
  return boxes[facts.base]!;
}

export const withDelivery = (facts: SiteFacts): Session => ({
  ...facts,
  send: (id, body) => outboxOf(facts).submit(id, body),
  post: (path, body) => post(facts.base, path, body),
});
