/**
 * widget-send.js: everything that stores or sends answers (consent, the outbox, erasure), fetched
 * by the loader when a visitor agrees to answer, when an earlier page left answers to deliver, or
 * for `Feedback.forget()`. Pages where nobody answers never download it.
 */
import { post } from "./api";
import type { SendModule, Session, SiteFacts } from "./contract";
import { type Outbox, outbox } from "./queue";
import { forget, giveConsent, sendPart, startResponse } from "./session";

/** One outbox per collector and page, made on first use (its `online` and `pagehide` listeners come with it). */
const boxes: Record<string, Outbox> = {};

const outboxOf = (facts: SiteFacts): Outbox =>
  (boxes[facts.base] ??= outbox(facts.base, facts, (item) => facts.emit("error", { reason: "refused", id: item.id })));

const withDelivery = (facts: SiteFacts): Session => ({
  ...facts,
  send: (id, body) => outboxOf(facts).submit(id, body),
  post: (path, body) => post(facts.base, path, body),
});

window.__fbSend = {
  begin(facts, survey, channel) {
    const session = withDelivery(facts);
    giveConsent(session);
    return startResponse(session, survey, channel);
  },
  sendPart: (facts, draft, answers, complete) => sendPart(withDelivery(facts), draft, answers, complete),
  forget: (facts) => forget(withDelivery(facts)),
  flush: (facts) => void outboxOf(facts).flush(),
} satisfies SendModule;
