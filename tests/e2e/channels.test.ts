/**
 * The channels beyond the popup on the seeded demo, in real Chromium against the real worker: the
 * survey drawn in place on the demo shop's order-status page under its strict CSP; the dashboard's
 * share panel of the demo survey (link, QR code decoded back to the link with jsQR, the email snippet
 * rendered as an email client would and one of its scores clicked through); the split by channel.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import jsQR from "jsqr";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, OwnerClient, SCREENSHOT_DIR, type Stack, startStack } from "./support";

let stack: Stack;
let browser: Browser;
let owner: OwnerClient;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ seed: true }), launchBrowser()]);
  owner = new OwnerClient(stack.collectorUrl);
  await owner.json("POST", "/api/auth/login", { email: stack.demo!.email, password: stack.demo!.password });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const watch = (page: Page) => {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  return problems;
};

async function signedIn(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(stack.collectorUrl);
  await page.getByLabel("Email").fill(stack.demo!.email);
  await page.getByLabel("Password").fill(stack.demo!.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Your sites" }).waitFor();
  return { page, problems };
}

const responses = async (query: string): Promise<any[]> =>
  (await owner.json("GET", `/api/sites/${stack.demo!.siteId}/responses?${query}`)).items;

describe("channels on the demo", () => {
  it("order-status page › drawn in place under the shop's strict CSP; the answer carries the order", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${stack.shopUrl}/account/orders`);
    const slot = page.locator(".survey-slot");
    await expect.poll(() => slot.locator(".fb-panel").isVisible()).toBe(true);
    // In the page's flow, inside the shop's element: no popup host, no close button, the focus left alone.
    expect(await page.locator("feedback-widget").count()).toBe(0);
    expect(await slot.locator(".fb-close").count()).toBe(0);
    expect(await slot.getByRole("region", { name: "Feedback survey" }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "inline-order-page.png") });
    const before = (await responses("channel=inline&context=orderId:A-1042")).length;
    await slot.getByRole("button", { name: "I agree" }).click();
    await slot.getByRole("radio", { name: "8", exact: true }).click();
    await slot.getByRole("button", { name: "Next" }).click();
    await expect.poll(async () => (await responses("channel=inline&context=orderId:A-1042")).length).toBe(before + 1);
    const [stored] = await responses("channel=inline&context=orderId:A-1042&limit=1");
    expect(stored.context).toEqual({ orderId: "A-1042", productId: "sku-77" });
    expect(stored.page).toBe(`${stack.shopUrl}/account/orders`);
    expect(stored.answers).toEqual([{ question: "nps", type: "nps", value: 8 }]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("share panel › the demo survey's link, its QR code decoded back to the link, the email snippet", async () => {
    const { page, problems } = await signedIn();
    await page.goto(`${stack.collectorUrl}/#/sites/${stack.demo!.siteId}/surveys`);
    const share = page.locator("section.share");
    await share.waitFor();
    const link = `${stack.collectorUrl}/s/${stack.demo!.siteKey}/${stack.demo!.surveyId}`;
    expect(await share.getByTestId("survey-link").textContent()).toBe(link);
    await expect
      .poll(() => share.getByTestId("qr-image").evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await share.getByTestId("embed-snippet").textContent()).toBe(
      `<div data-feedback-survey="${stack.demo!.surveyId}"></div>`,
    );
    await share.screenshot({ path: join(SCREENSHOT_DIR, "dashboard-share.png") });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      share.getByRole("button", { name: /Download PNG/ }).click(),
    ]);
    const png = await readFile((await download.path())!);
    // The PNG's pixels, read by a blank page's canvas, then decoded by an independent reader.
    const blank = await page.context().newPage();
    const size = 400;
    const pixels = await blank.evaluate(
      async ({ b64, size }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${b64}`;
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = canvas.height = size;
        const context = canvas.getContext("2d")!;
        context.imageSmoothingEnabled = false;
        context.drawImage(image, 0, 0, size, size);
        return Array.from(context.getImageData(0, 0, size, size).data);
      },
      { b64: png.toString("base64"), size },
    );
    expect(jsQR(Uint8ClampedArray.from(pixels), size, size)?.data).toBe(`${link}?channel=qr`);
    expect(problems).toEqual([]);
  });

  it("email snippet › tables and inline attributes; drawn without script, a score opens the page", async () => {
    const { page } = await signedIn();
    await page.goto(`${stack.collectorUrl}/#/sites/${stack.demo!.siteId}/surveys`);
    const html = await page.getByTestId("email-html").inputValue();
    expect(html).toMatch(/^<table role="presentation"/);
    expect(html).not.toMatch(/<script|<style|<link|\sclass=|<img|javascript:/i);
    expect(html.match(/<a href="[^"]+a\.nps=\d+[^"]*"/g)).toHaveLength(11);
    expect(html).toContain("ctx.orderId={{order_id}}");
    // An email client: no script, no stylesheet but the markup's own; the tool has filled the placeholder.
    const client = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 600, height: 400 } });
    const mail = await client.newPage();
    await mail.setContent(html.replaceAll("{{order_id}}", "A-2001"));
    const scores = mail.getByRole("link");
    expect(await scores.allTextContents()).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    for (const box of await Promise.all((await scores.all()).map((a) => a.boundingBox()))) {
      expect(box!.height).toBeGreaterThanOrEqual(30);
      expect(box!.width).toBeGreaterThanOrEqual(30);
    }
    await mail.screenshot({ path: join(SCREENSHOT_DIR, "email-snippet.png") });
    const target = await scores.nth(9).getAttribute("href");
    await client.close();

    const visitor = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const hosted = await visitor.newPage();
    await hosted.goto(target!);
    await hosted.getByRole("button", { name: "I agree" }).click();
    await expect.poll(() => hosted.getByRole("radio", { name: "9", exact: true }).isChecked()).toBe(true);
    await expect.poll(async () => (await responses("channel=email&context=orderId:A-2001")).length).toBe(1);
    expect((await responses("channel=email&context=orderId:A-2001"))[0].answers[0].value).toBe(9);
    await visitor.close();
  });

  it("results › the split by channel from the daily counts, and the channel filter", async () => {
    const { page, problems } = await signedIn();
    await page.goto(`${stack.collectorUrl}/#/sites/${stack.demo!.siteId}/results?preset=90`);
    const split = page.getByTestId("channel-split");
    await split.waitFor();
    const rows = await split.locator("tbody th").allTextContents();
    expect(rows.slice(0, 1)).toEqual(["Popup"]);
    expect(new Set(rows)).toEqual(new Set(["Popup", "On the page", "Email", "Link", "QR code"]));
    await page.locator("section[aria-labelledby=channels-h]").screenshot({
      path: join(SCREENSHOT_DIR, "dashboard-channels.png"),
    });
    const from = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
    const summary = `/api/sites/${stack.demo!.siteId}/summary?from=${from}&channel=email`;
    const emails = (await owner.json("GET", summary)).responses;
    expect(emails).toBeGreaterThan(0);
    await split.getByRole("button", { name: "Email" }).click();
    await expect.poll(() => page.getByRole("combobox", { name: /^Channel/ }).inputValue()).toBe("email");
    await expect.poll(() => page.getByTestId("responses").textContent()).toBe(String(emails));
    expect(problems).toEqual([]);
  });
});
