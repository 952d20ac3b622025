/**
 * Webhooks in real Chromium against the real worker (`wrangler dev`, its queues included) and a
 * receiver on this machine (allowed through WEBHOOK_DEV_ORIGINS, as a development stack would): an
 * owner adds a Slack webhook, sends a test event and reads what the receiver answered; a failing
 * receiver and a private address are told as such; a real answer reaches the receiver through the queue.
 */
import { createServer, type Server } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhook } from "../../docs/examples/verify-webhook.mjs";
import { launchBrowser, OwnerClient, postResponse, type Stack, startStack } from "./support";

interface Hit {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let browser: Browser;
let stack: Stack;
let receiver: Server;
let receiverUrl: string;
const hits: Hit[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", headers: req.headers, body });
      res.writeHead(req.url?.startsWith("/fail") ? 500 : 204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const address = receiver.address();
  receiverUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  [stack, browser] = await Promise.all([startStack({ vars: { WEBHOOK_DEV_ORIGINS: receiverUrl } }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await new Promise((r) => receiver?.close(r));
});

const hitsOn = (path: string) => hits.filter((h) => h.path === path);

/** An owner with a site and a survey, signed in on the site's settings page. */
async function settingsPage(): Promise<{ page: Page; site: { id: string; key: string }; survey: { id: string } }> {
  const owner = new OwnerClient(stack.collectorUrl);
  const { email, password } = await owner.signup();
  const site = await owner.json<{ id: string; key: string }>("POST", "/api/sites", {
    name: "Hook shop",
    origins: [stack.shopUrl],
  });
  const survey = await owner.json<{ id: string }>("POST", `/api/sites/${site.id}/surveys`, {
    name: "NPS",
    questions: [{ id: "nps", type: "nps", required: true, text: { en: "Recommend us?" } }],
  });
  const page = await (await browser.newContext()).newPage();
  await page.goto(stack.collectorUrl);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Your sites" }).waitFor();
  await page.goto(`${stack.collectorUrl}/#/sites/${site.id}/settings`);
  await page.getByRole("heading", { name: "Webhooks and alerts" }).waitFor();
  return { page, site, survey };
}

async function addWebhook(page: Page, url: string, format: string, events: string[] = []) {
  await page.getByLabel("Webhook URL").fill(url);
  await page.getByLabel("Format").selectOption(format);
  for (const name of events) await page.getByRole("checkbox", { name }).check();
  await page.getByRole("button", { name: "Add webhook" }).click();
}

describe("webhooks in the dashboard", () => {
  it("send a test event › one signed request reaches the receiver; the page says what it answered", async () => {
    const { page, site, survey } = await settingsPage();
    const path = `/ok/${crypto.randomUUID()}`;
    await addWebhook(page, `${receiverUrl}${path}`, "slack", ["A new response (its first part)"]);
    const secret = (await page.locator("code.secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const hook = page.locator("li[data-webhook]");
    await expect.poll(() => hook.count()).toBe(1);

    await hook.getByRole("button", { name: "Send a test event" }).click();
    await expect
      .poll(() => hook.getByTestId("test-result").textContent())
      .toBe("Test event delivered: the receiver answered HTTP 204.");
    const [test] = hitsOn(path);
    expect(hitsOn(path)).toHaveLength(1);
    expect(test!.headers["x-feedback-event"]).toBe("webhook.test");
    expect(verifyWebhook(secret, String(test!.headers["x-feedback-signature"]), test!.body)).toBe(true);
    expect(JSON.parse(test!.body).text).toContain("Test event for Hook shop");

    // A real answer goes through the worker's queue to the same receiver.
    const answer = await postResponse(stack, {
      site: site.key,
      survey: survey.id,
      respondent: "respondent-token-webhooks-e2e",
      consent: { granted: true },
      answers: [{ question: "nps", value: 2 }],
    });
    expect(answer.status).toBe(201);
    await expect.poll(() => hitsOn(path).length, { timeout: 30_000 }).toBe(3);
    const events = hitsOn(path).map((h) => h.headers["x-feedback-event"]);
    expect(events.slice(1).sort()).toEqual(["response.created", "response.unhappy"]);
    for (const h of hitsOn(path)) {
      expect(verifyWebhook(secret, String(h.headers["x-feedback-signature"]), h.body)).toBe(true);
    }
    await page.getByRole("button", { name: "Refresh" }).click();
    const table = page.getByRole("table", { name: "Recent deliveries" });
    await expect.poll(() => table.locator(".badge.delivered").count()).toBe(2);
    expect((await table.locator("code").allTextContents()).sort()).toEqual(["response.created", "response.unhappy"]);
  });

  it("a failing receiver and a private address › the page tells each", async () => {
    const { page } = await settingsPage();
    await addWebhook(page, `${receiverUrl}/fail/${crypto.randomUUID()}`, "json");
    const hook = page.locator("li[data-webhook]");
    await hook.getByRole("button", { name: "Send a test event" }).click();
    await expect.poll(() => hook.getByTestId("test-result").textContent()).toBe("Test event not delivered: HTTP 500.");

    await addWebhook(page, "https://192.168.1.20/hook", "teams");
    await expect
      .poll(() => page.locator(".error[role=alert]").textContent())
      .toContain("must point to a public host, not a private address");
    expect(await hook.count()).toBe(1);
  });
});
