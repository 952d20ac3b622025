/**
 * The survey engine in real Chromium on the demo shop (strict CSP) against the real worker: a
 * detractor and a promoter take different paths; stars and faces by keyboard; a partial answer
 * that leaves with the page; an answer given while the owner edits the survey, delivered with its
 * version and counted; every unhappy answer in "Customers to answer".
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browser, owner, ownerLogin, stack, useLiveStack } from "./live-stack";
import { recordWidgetEvents, signIn, widgetEvent } from "./support";

const TRIGGER = { pages: ["/checkout/thank-you*"], delaySeconds: 0, scrollPercent: 0, sample: 1, cooldownDays: 0 };

/** NPS; detractors say what went wrong (required), promoters what they love; then the source and a thumbs. */
const PATHS_SURVEY = {
  name: "NPS with follow-ups",
  trigger: TRIGGER,
  questions: [
    {
      id: "nps",
      type: "nps",
      required: true,
      text: { en: "How likely are you to recommend us?" },
      logic: [
        { if: { op: "lte", value: 6 }, goto: "wrong" },
        { if: { op: "gte", value: 9 }, goto: "love" },
      ],
    },
    {
      id: "passive",
      type: "text",
      text: { en: "What would make it a 10?" },
      logic: [{ if: { op: "answered" }, goto: "source" }],
    },
    {
      id: "wrong",
      type: "text",
      required: true,
      text: { en: "What went wrong?" },
      logic: [{ if: { op: "answered" }, goto: "source" }],
    },
    { id: "love", type: "text", text: { en: "What did you love?" } },
    {
      id: "source",
      type: "choice",
      text: { en: "How did you hear about us?" },
      options: [
        { id: "search", text: { en: "Search" } },
        { id: "friend", text: { en: "A friend" } },
      ],
    },
    { id: "quick", type: "thumbs", text: { en: "Was this quick?" } },
  ],
};

async function siteWith(survey: Record<string, unknown>) {
  const site = await owner.json<{ id: string; key: string }>("POST", "/api/sites", {
    name: "Engine shop",
    origins: [stack.shopUrl],
    retentionDays: 90,
  });
  const { id } = await owner.json<{ id: string }>("POST", `/api/sites/${site.id}/surveys`, survey);
  return { ...site, surveyId: id };
}

const responses = async (siteId: string): Promise<any[]> =>
  (await owner.json("GET", `/api/sites/${siteId}/responses?limit=100`)).items;
const summary = (siteId: string, query = "") => owner.json(`GET`, `/api/sites/${siteId}/summary${query}`);

interface Visit {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

/** The demo shop's thank-you page for `siteKey`, the widget's events recorded, CSP violations collected. */
async function visit(siteKey: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(`csp: ${m.text()}`);
  });
  await recordWidgetEvents(page);
  await page.goto(`${stack.shopUrl}/checkout/thank-you?site=${siteKey}`);
  await widgetEvent(page, "shown");
  return { page, context, errors };
}

const panel = (page: Page) => page.locator("feedback-widget .fb-panel");
const heading = (page: Page) => panel(page).locator("h2").textContent();
/** Moves on and waits for the next question's heading (the widget focuses it). */
async function next(page: Page, expected: string) {
  await page.getByRole("button", { name: "Next" }).click();
  await expect.poll(() => heading(page)).toBe(expected);
}

useLiveStack({ owner: true });

describe("survey engine on the demo shop", () => {
  let pathsSite: Awaited<ReturnType<typeof siteWith>>;

  it("a detractor and a promoter › each goes their own way; both stored with the path they took", async () => {
    pathsSite = await siteWith(PATHS_SURVEY);
    const seen: string[][] = [];
    for (const [score, follow, text] of [
      [3, "What went wrong?", "The parcel was late"],
      [10, "What did you love?", "Fast and friendly"],
    ] as const) {
      const { page, context, errors } = await visit(pathsSite.key);
      await page.getByRole("button", { name: "I agree" }).click();
      await expect.poll(() => heading(page)).toBe("How likely are you to recommend us?");
      const path = ["How likely are you to recommend us?"];
      await page.getByRole("radio", { name: String(score), exact: true }).check();
      await next(page, follow);
      path.push(follow);
      await panel(page).getByRole("textbox").fill(text);
      await next(page, "How did you hear about us?");
      path.push("How did you hear about us?");
      await page.getByRole("radio", { name: score < 7 ? "Search" : "A friend" }).check();
      await next(page, "Was this quick?");
      path.push("Was this quick?");
      // The detractor found the survey quick; the promoter did not (an unhappy answer of its own).
      await page.getByRole("radio", { name: score < 7 ? "Yes" : "No" }).check();
      await page.getByRole("button", { name: "Send" }).click();
      await widgetEvent(page, "submitted");
      seen.push(path);
      expect(errors).toEqual([]);
      await context.close();
    }
    expect(seen).toEqual([
      ["How likely are you to recommend us?", "What went wrong?", "How did you hear about us?", "Was this quick?"],
      ["How likely are you to recommend us?", "What did you love?", "How did you hear about us?", "Was this quick?"],
    ]);
    const stored = await responses(pathsSite.id);
    const answersOf = (nps: number) =>
      Object.fromEntries(
        stored
          .find((r) => r.answers.some((a: any) => a.question === "nps" && a.value === nps))
          .answers.map((a: any) => [a.question, a.value]),
      );
    expect(answersOf(3)).toEqual({ nps: 3, wrong: "The parcel was late", source: "search", quick: 1 });
    expect(answersOf(10)).toEqual({ nps: 10, love: "Fast and friendly", source: "friend", quick: 0 });
    expect(stored.map((r) => [r.complete, r.version])).toEqual([
      [true, 1],
      [true, 1],
    ]);
    // The funnel counts each question for the responses whose path showed it.
    const s = await summary(pathsSite.id);
    const reached = Object.fromEntries(s.funnel.questions.map((q: any) => [q.id, q.reached]));
    expect(reached).toEqual({ nps: 2, wrong: 1, love: 1, source: 2, quick: 2 });
    expect(s.funnel).toMatchObject({ shown: 2, started: 2, completed: 2 });
  });

  it("stars and faces › answered with the keyboard alone; the stored values are the scores", async () => {
    const site = await siteWith({
      name: "Stars and faces",
      trigger: TRIGGER,
      questions: [
        { id: "csat", type: "csat", required: true, style: "stars", text: { en: "How was your order?" } },
        { id: "ces", type: "ces", required: true, style: "emoji", text: { en: "How easy was it?" } },
      ],
    });
    const { page, context, errors } = await visit(site.key);
    const focused = () =>
      page.evaluate(() => {
        const el = document.querySelector("feedback-widget")?.shadowRoot?.activeElement as HTMLInputElement | null;
        return el ? `${el.tagName}:${el.type ?? ""}:${el.value || el.textContent?.trim()}` : "none";
      });
    for (let i = 0; i < 6 && (await focused()) !== "BUTTON:button:I agree"; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe("BUTTON:button:I agree");
    await page.keyboard.press("Enter");
    await expect.poll(() => heading(page)).toBe("How was your order?");
    // Five stars, drawn as ★, each a radio named by its number and words.
    expect(await panel(page).locator(".fb-options--stars .fb-face").allTextContents()).toEqual(Array(5).fill("★"));
    await page.keyboard.press("Tab");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    expect(await page.getByRole("radio", { name: "4 Satisfied" }).isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("BUTTON:button:Next");
    await page.keyboard.press("Enter");
    await expect.poll(() => heading(page)).toBe("How easy was it?");
    // Seven faces, from unhappy to happy.
    expect(await panel(page).locator(".fb-face").count()).toBe(7);
    await page.keyboard.press("Tab");
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
    expect(await page.getByRole("radio", { name: "6 Easy" }).isChecked()).toBe(true);
    for (let i = 0; i < 3 && (await focused()) !== "BUTTON:button:Send"; i++) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await widgetEvent(page, "submitted");
    const [stored] = await responses(site.id);
    expect(stored.answers.map((a: any) => [a.question, a.value])).toEqual([
      ["ces", 6],
      ["csat", 4],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("leaving mid-survey › the answers so far arrive as a partial response when the page goes", async () => {
    const site = await siteWith({
      name: "Partial",
      trigger: TRIGGER,
      questions: [
        { id: "nps", type: "nps", required: true, text: { en: "Recommend us?" } },
        { id: "why", type: "text", text: { en: "Why?" } },
        { id: "quick", type: "thumbs", text: { en: "Quick?" } },
      ],
    });
    const { page, context, errors } = await visit(site.key);
    await page.getByRole("button", { name: "I agree" }).click();
    await page.getByRole("radio", { name: "8", exact: true }).check();
    await next(page, "Why?");
    // The step after NPS sent a part; the reason typed next has not been sent by any button.
    await expect.poll(async () => (await responses(site.id)).map((r) => r.answers.length)).toEqual([1]);
    await panel(page).getByRole("textbox").fill("Left before the end");
    await page.goto("about:blank");
    await expect
      .poll(async () => (await responses(site.id)).map((r) => [r.complete, r.answers.map((a: any) => a.value)]))
      .toEqual([[false, [8, "Left before the end"]]]);
    const s = await summary(site.id);
    expect([s.responses, s.completed, s.nps.count]).toEqual([1, 0, 1]);
    const reached = Object.fromEntries(s.funnel.questions.map((q: any) => [q.id, [q.reached, q.answered]]));
    // The thumbs question after the last answer was on screen next: reached, not answered.
    expect(reached).toEqual({ nps: [1, 1], why: [1, 1], quick: [1, 0] });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a question removed while a customer answers › the answer arrives with its version and counts", async () => {
    const questions = [
      { id: "nps", type: "nps", required: true, text: { en: "Recommend us?" } },
      { id: "why", type: "text", required: true, text: { en: "Why?" } },
      { id: "quick", type: "thumbs", text: { en: "Quick?" } },
    ];
    const site = await siteWith({ name: "Edited live", trigger: TRIGGER, questions });
    const { page, context, errors } = await visit(site.key);
    await page.getByRole("button", { name: "I agree" }).click();
    await page.getByRole("radio", { name: "9", exact: true }).check();
    await next(page, "Why?");
    // Meanwhile the owner drops "why": version 2 no longer has it.
    const edited = await owner.json("PUT", `/api/sites/${site.id}/surveys/${site.surveyId}`, {
      name: "Edited live",
      trigger: TRIGGER,
      questions: questions.filter((q) => q.id !== "why"),
    });
    expect(edited.version).toBe(2);
    await panel(page).getByRole("textbox").fill("Great coffee");
    await next(page, "Quick?");
    await page.getByRole("radio", { name: "Yes" }).check();
    await page.getByRole("button", { name: "Send" }).click();
    await widgetEvent(page, "submitted");
    expect(await panel(page).textContent()).toContain("Thank you for your feedback!");
    const stored = await responses(site.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ version: 1, complete: true });
    expect(Object.fromEntries(stored[0].answers.map((a: any) => [a.question, a.value]))).toEqual({
      nps: 9,
      why: "Great coffee",
      quick: 1,
    });
    const s = await summary(site.id);
    expect([s.responses, s.completed, s.nps.count, s.thumbs.count]).toEqual([1, 1, 1, 1]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("customers to answer › a detractor, a promoter with a thumbs down; each headed by what was unhappy", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, stack.collectorUrl, ownerLogin);
    await page.goto(`${stack.collectorUrl}/#/sites/${pathsSite.id}/queue`);
    await expect.poll(() => page.getByTestId("queue").locator("li").count()).toBe(2);
    const headings = await page.getByTestId("queue").locator("li .score").allTextContents();
    expect(headings).toEqual(["NPS 3", "Thumbs down"]);
    expect(await page.getByTestId("unhappy-rule").textContent()).toContain(
      "NPS 0–6, CSAT 1–2, Effort 1–2, thumbs down",
    );
    await context.close();
  });
});
