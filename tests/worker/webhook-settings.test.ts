/**
 * Webhooks as owners set them up: only `https:` to a public host (a table of the addresses that must be
 * refused, in every spelling the URL parser accepts), the formats for Slack and Microsoft Teams, and the
 * "send a test event" route.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { verifyWebhook } from "../../docs/examples/verify-webhook.mjs";
import * as alerts from "../../worker/src/db/alerts";
import { call, json, submission, world } from "./fixtures";
import { captureAlerts, deliver, deliveriesOf, hookedWorld, received, submitQueued } from "./webhook-support";

const REFUSED = [
  "http://hooks.example.com/x",
  "ftp://hooks.example.com/x",
  "javascript:alert(1)",
  "not a url",
  "https://localhost/hook",
  "https://LOCALHOST./hook",
  "https://api.localhost/hook",
  "https://printer/hook",
  "https://nas.local/hook",
  "https://db.internal/hook",
  "https://router.home.arpa/hook",
  "https://127.0.0.1/hook",
  "https://127.1/hook",
  "https://2130706433/hook",
  "https://0x7f000001/hook",
  "https://0177.0.0.1/hook",
  "https://0.0.0.0/hook",
  "https://0/hook",
  "https://10.1.2.3/hook",
  "https://172.16.0.1/hook",
  "https://172.31.255.255/hook",
  "https://192.168.1.10:8443/hook",
  "https://169.254.169.254/latest/meta-data",
  "https://100.64.0.1/hook",
  "https://192.0.2.1/hook",
  "https://224.0.0.1/hook",
  "https://255.255.255.255/hook",
  "https://[::1]/hook",
  "https://[::]/hook",
  "https://[0:0:0:0:0:0:0:1]/hook",
  "https://[::ffff:127.0.0.1]/hook",
  "https://[::ffff:7f00:1]/hook",
  "https://[::ffff:10.0.0.1]/hook",
  "https://[::ffff:8.8.8.8]/hook",
  "https://[::127.0.0.1]/hook",
  "https://[fe80::1]/hook",
  "https://[febf::1]/hook",
  "https://[fc00::1]/hook",
  "https://[fd12:3456:789a::1]/hook",
  "https://[fec0::1]/hook",
  "https://[ff02::1]/hook",
  "https://[64:ff9b::a00:1]/hook",
  "https://[64:ff9b::127.0.0.1]/hook",
  "https://[2002:c0a8:101::1]/hook",
  "https://[2001:db8::1]/hook",
  "https://[2001:0:4136:e378::1]/hook",
  // The receiver of these tests is allowed only at its own origin, and only over what it is.
  "http://127.0.0.1:1/hook",
];

const ACCEPTED = [
  "https://hooks.example.com/feedback",
  "https://hooks.slack.com/services/T000/B000/XXXX",
  "https://8.8.8.8/hook",
  "https://172.32.0.1/hook",
  "https://100.128.0.1/hook",
  "https://[2606:4700:4700::1111]/hook",
  "https://[64:ff9b::808:808]/hook",
  "https://[2002:808:808::1]/hook",
];

describe("webhook URLs", () => {
  it("private, loopback, link-local and local hosts in every spelling › 400 invalid_body, nothing stored", async () => {
    const w = await world();
    const add = (url: string, opts: { env?: Partial<Cloudflare.Env> } = {}) =>
      call("POST", `/api/sites/${w.site.id}/webhooks`, { cookie: w.owner.cookie, body: { url }, ...opts });
    for (const url of REFUSED) {
      const res = await add(url);
      expect(res.status, url).toBe(400);
      const body = await json(res);
      expect(body.error.code, url).toBe("invalid_body");
      expect(body.error.issues[0].path, url).toBe("url");
    }
    for (const url of ACCEPTED) expect((await add(url)).status, url).toBe(201);
    // The tests' own receiver (WEBHOOK_DEV_ORIGINS) is allowed, but never in production.
    expect((await add(`${env.WEBHOOK_RECEIVER}/ok/x`)).status).toBe(201);
    expect((await add(`${env.WEBHOOK_RECEIVER}/ok/x`, { env: { ENVIRONMENT: "production" } })).status).toBe(400);
    const listed = await json(await call("GET", `/api/sites/${w.site.id}/webhooks`, { cookie: w.owner.cookie }));
    expect(listed.map((h: { url: string }) => h.url)).toEqual([...ACCEPTED, `${env.WEBHOOK_RECEIVER}/ok/x`]);
  });

  it("a stored webhook whose URL is refused now (an old row) › is never fetched", async () => {
    const w = await hookedWorld(["response.created"]);
    const alertsQueue = captureAlerts();
    await env.DB.prepare("UPDATE webhooks SET url = 'https://169.254.169.254/latest' WHERE id = ?1")
      .bind(w.hook.id)
      .run();
    expect((await submitQueued(alertsQueue, submission(w))).status).toBe(201);
    const result = await deliver(alertsQueue, alertsQueue.take());
    expect(result.retryMessages).toHaveLength(1);
    const [row] = await env.DB.prepare("SELECT last_error, last_status FROM alert_deliveries WHERE site_id = ?1")
      .bind(w.site.id)
      .all<{ last_error: string; last_status: number | null }>()
      .then((r) => r.results);
    expect(row).toEqual({
      last_status: null,
      last_error: "not sent: the URL must point to a public host, not a link-local address",
    });
  });
});

describe("formats", () => {
  const comment = "<b>late</b> & *broken* [click](https://evil.example) <!channel>";
  const unhappy = (w: { site: { key: string } } & Parameters<typeof submission>[0]) =>
    submission(w, {
      answers: [
        { question: "nps", value: 2 },
        { question: "why", value: comment },
      ],
      context: { orderId: "A-1042" },
    });

  it("json › the event with its response and a one-line text", async () => {
    const w = await hookedWorld(["response.unhappy"], "ok", "json");
    const q = captureAlerts();
    const body = unhappy(w);
    expect((await submitQueued(q, body)).status).toBe(201);
    await deliver(q, q.take());
    const event = JSON.parse((await received(w.path))[0]!.body);
    expect(event).toMatchObject({
      type: "response.unhappy",
      site: w.site.id,
      survey: { id: w.survey.id, name: "Post-purchase NPS" },
      response: { id: body.id, nps: 2, complete: true, context: { orderId: "A-1042" } },
    });
    expect(event.response.answers).toContainEqual({ question: "why", type: "text", value: comment });
    expect(event.text).toContain("NPS 2/10");
  });

  it("slack › { text } with < > & escaped: a comment cannot mention @channel or make a link", async () => {
    const w = await hookedWorld(["response.unhappy"], "ok", "slack");
    const q = captureAlerts();
    expect((await submitQueued(q, unhappy(w))).status).toBe(201);
    await deliver(q, q.take());
    const message = JSON.parse((await received(w.path))[0]!.body);
    expect(Object.keys(message)).toEqual(["text"]);
    expect(message.text).toContain("Unhappy customer on Shop: NPS 2/10");
    expect(message.text).toContain(
      "&lt;b&gt;late&lt;/b&gt; &amp; *broken* [click](https://evil.example) &lt;!channel&gt;",
    );
    expect(message.text).toContain("orderId: A-1042");
    expect(message.text).not.toMatch(/[<>]/);
  });

  it("teams › an Adaptive Card whose texts are TextRuns (no Markdown drawn), the comment as written", async () => {
    const w = await hookedWorld(["response.unhappy"], "ok", "teams");
    const q = captureAlerts();
    expect((await submitQueued(q, unhappy(w))).status).toBe(201);
    await deliver(q, q.take());
    const message = JSON.parse((await received(w.path))[0]!.body);
    expect(message.type).toBe("message");
    const card = message.attachments[0];
    expect(card.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card.content).toMatchObject({ type: "AdaptiveCard", version: "1.4" });
    const blocks = card.content.body as { type: string; inlines: { type: string; text: string }[] }[];
    expect(blocks.every((b) => b.type === "RichTextBlock" && b.inlines.every((i) => i.type === "TextRun"))).toBe(true);
    const texts = blocks.flatMap((b) => b.inlines.map((i) => i.text));
    expect(texts[0]).toBe("Unhappy customer on Shop: NPS 2/10");
    expect(texts).toContain(`“${comment}”`);
  });
});

describe("send a test event", () => {
  it("POST …/webhooks/:id/test › sends one signed webhook.test now and tells what the receiver answered", async () => {
    const w = await hookedWorld(["response.unhappy"], "ok", "slack");
    const res = await call("POST", `/api/sites/${w.site.id}/webhooks/${w.hook.id}/test`, { cookie: w.owner.cookie });
    expect(res.status).toBe(200);
    const result = await json(res);
    expect(result).toMatchObject({ delivered: true, status: 204, error: null, event: "webhook.test" });
    const [hit] = await received(w.path);
    expect(hit!.headers["x-feedback-event"]).toBe("webhook.test");
    expect(hit!.headers["x-feedback-delivery"]).toBe(result.delivery);
    expect(verifyWebhook(w.hook.secret, hit!.headers["x-feedback-signature"], hit!.body)).toBe(true);
    expect(JSON.parse(hit!.body).text).toContain("Test event for Shop");
    expect(await deliveriesOf(w.site.id)).toEqual([]); // not queued, not recorded

    const failing = await hookedWorld(["response.unhappy"], "fail");
    const failed = await json(
      await call("POST", `/api/sites/${failing.site.id}/webhooks/${failing.hook.id}/test`, {
        cookie: failing.owner.cookie,
      }),
    );
    expect(failed).toMatchObject({ delivered: false, status: 500, error: "HTTP 500" });
    expect(await received(failing.path)).toHaveLength(1);
    // Another site's webhook, or a removed one, is not found.
    const other = await call("POST", `/api/sites/${w.site.id}/webhooks/${failing.hook.id}/test`, {
      cookie: w.owner.cookie,
    });
    expect(other.status).toBe(404);
    await call("DELETE", `/api/sites/${w.site.id}/webhooks/${w.hook.id}`, { cookie: w.owner.cookie });
    expect(
      (await call("POST", `/api/sites/${w.site.id}/webhooks/${w.hook.id}/test`, { cookie: w.owner.cookie })).status,
    ).toBe(404);
    expect(await alerts.listWebhooks(env.DB, w.site.id)).toEqual([]);
  });
});
