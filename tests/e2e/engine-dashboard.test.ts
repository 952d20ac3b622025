/**
 * The survey engine in the dashboard, in real Chromium on the seeded demo: the funnel, a choice
 * chart with its 95% whiskers and the cross-tab show what the collector computed; the editor's
 * templates, jump rules in words, the picture of the paths and the live preview that follows them;
 * the warning before a question id with answers changes type. Takes the README's screenshots.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CrossTab, Summary, SurveyHistory } from "../../shared/types";
import { launchBrowser, SCREENSHOT_DIR, type Stack, signIn, startStack } from "./support";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signedIn(hash: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  await signIn(page, stack.collectorUrl, stack.demo!);
  await page.goto(`${stack.collectorUrl}/#/sites/${stack.demo!.siteId}/${hash}`);
  return { page, context, problems };
}

const get = <T>(page: Page, path: string) => page.evaluate((p) => fetch(p).then((r) => r.json()), path) as Promise<T>;

/** A table's body as text cells, row by row (the header cell of each row first). */
const cells = (table: ReturnType<Page["locator"]>) =>
  table
    .locator("tbody tr")
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent?.trim())));

describe("survey engine results on the demo", () => {
  it("funnel, choice chart with whiskers, thumbs and cross-tab › the collector's numbers, drawn to scale", async () => {
    const { page, context, problems } = await signedIn("results");
    const s = await get<Summary>(page, `/api/sites/${stack.demo!.siteId}/summary`);
    const funnel = page.getByTestId("funnel");
    await funnel.waitFor();
    const { shown, declined, started, completed } = s.funnel;
    expect(shown! > started && started > completed && completed > 0).toBe(true);
    const rows = await cells(funnel.locator("table"));
    expect(rows.slice(0, 4).map((r) => [r[0], Number(r[1])])).toEqual([
      ["Shown", shown],
      ["Declined (no thanks)", declined],
      ["Started (answered a question)", started],
      ["Completed", completed],
    ]);
    // Then every question of the demo survey in order, with how many its path showed and who answered.
    expect(rows.slice(4).map((r) => Number(r[1]))).toEqual(s.funnel.questions.map((q) => q.reached));
    expect(rows.slice(4).map((r) => r[2])).toEqual(
      s.funnel.questions.map(
        (q) =>
          `${q.reached} reached · ${q.answered} answered · ${q.reached - q.answered} skipped or left ` +
          `(${Math.round((100 * (q.reached - q.answered)) / q.reached)}%)`,
      ),
    );
    // Bars to scale: each question's answered part against its reached part.
    const bars = await funnel
      .locator("g.step.question")
      .evaluateAll((gs) =>
        gs.map((g) => [
          Number(g.querySelector("rect.reached")!.getAttribute("width")),
          Number(g.querySelector("rect.answered")!.getAttribute("width")),
        ]),
      );
    bars.forEach(([reached, answered], i) => {
      const q = s.funnel.questions[i]!;
      expect(answered! / reached!).toBeCloseTo(q.answered / q.reached, 2);
    });
    // Promoters skip "What should we improve?": fewer reach it than the questions around it.
    const reachedOf = (id: string) => s.funnel.questions.find((q) => q.id === id)!.reached;
    expect(reachedOf("topics")).toBeLessThan(reachedOf("csat"));
    await funnel.locator("..").screenshot({ path: join(SCREENSHOT_DIR, "dashboard-funnel.png") });

    // "How did you hear about us?": a bar per option, a whisker over each Wilson 95% interval.
    const source = s.questions.find((q) => q.id === "source")!;
    const chart = page.getByTestId("choice-source");
    expect(await chart.locator(".whisker").count()).toBe(source.options.length);
    expect(await cells(chart.locator("table"))).toEqual(
      source.options.map((o) => [
        { search: "Search engine", friend: "A friend", social: "Social media", ad: "An advert" }[o.id],
        String(o.count),
        String(o.share),
        String(o.low),
        String(o.high),
      ]),
    );
    // The whisker spans low…high on the same scale as the bar's share.
    const geometry = await chart.locator("g.option").evaluateAll((gs) =>
      gs.map((g) => {
        const bar = g.querySelector("rect.bar")!;
        const [span] = g.querySelectorAll(".whisker line");
        return {
          x0: Number(bar.getAttribute("x")),
          bar: Number(bar.getAttribute("width")),
          low: Number(span!.getAttribute("x1")),
          high: Number(span!.getAttribute("x2")),
        };
      }),
    );
    geometry.forEach((g, i) => {
      const o = source.options[i]!;
      const perPoint = g.bar / o.share!;
      expect((g.low - g.x0) / perPoint).toBeCloseTo(o.low!, 0);
      expect((g.high - g.x0) / perPoint).toBeCloseTo(o.high!, 0);
    });
    await chart.screenshot({ path: join(SCREENSHOT_DIR, "dashboard-choice.png") });
    expect(await page.getByTestId("thumbs-share").textContent()).toBe(`${s.thumbs.share}%`);

    // Cross-tab of the source by NPS segment, then by product.
    const xtab = page.getByTestId("crosstab");
    await page.getByLabel("Cross-tab question").selectOption({ label: "How did you hear about us?" });
    const api = (by: string) =>
      get<CrossTab>(
        page,
        `/api/sites/${stack.demo!.siteId}/crosstab?survey=${stack.demo!.surveyId}&question=source&by=${by}` +
          `&from=${s.from}&to=${s.to}`,
      );
    const expectTable = async (c: CrossTab) =>
      expect
        .poll(() => cells(xtab))
        .toEqual(
          c.rows.map((r) => [
            expect.any(String),
            ...r.shares.map((share, i) => `${share === null ? "—" : `${share}%`} (${r.counts[i]})`),
          ]),
        );
    const bySegment = await api("segment");
    await expectTable(bySegment);
    expect(await xtab.locator("thead th").allTextContents()).toEqual([
      "Option",
      ...bySegment.columns.map(
        (c) =>
          `${{ promoter: "Promoters (9–10)", passive: "Passives (7–8)", detractor: "Detractors (0–6)" }[c.id]}` +
          `${c.respondents} respondents`,
      ),
    ]);
    await page.getByLabel("Cross-tab columns").selectOption("context");
    const byProduct = await api("context:productId");
    expect(byProduct.columns.map((c) => c.id).sort()).toEqual(["sku-12", "sku-31", "sku-45", "sku-77"]);
    await expectTable(byProduct);
    await page
      .getByTestId("crosstab")
      .locator("..")
      .locator("..")
      .screenshot({
        path: join(SCREENSHOT_DIR, "dashboard-crosstab.png"),
      });
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe("survey editor with logic", () => {
  const preview = (page: Page) => page.getByTestId("preview");
  const previewHeading = (page: Page) => preview(page).locator("h2").textContent();

  it("a template › rules in words, paths pictured, the preview follows a changed rule; saved as shown", async () => {
    const { page, context, problems } = await signedIn("surveys");
    await page.getByRole("button", { name: "+ New survey" }).click();
    await page.getByRole("button", { name: "NPS with a follow-up for detractors and promoters" }).click();
    expect(await page.getByTestId("rule-words").allTextContents()).toEqual([
      "If the answer is 6 or less, go to 3. We are sorry. What went wrong?",
      "If the answer is 9 or more, go to 4. What do you love most about us?",
      "If the answer is given, go to the end",
      "If the answer is skipped, go to the end",
      "If the answer is given, go to the end",
      "If the answer is skipped, go to the end",
    ]);
    // Four jumps: to each follow-up, and from two follow-ups to the end.
    expect(await page.getByTestId("jump").count()).toBe(4);
    expect(await page.getByTestId("path-words").locator("li").first().textContent()).toBe(
      "How likely are you to recommend us to a friend? — if the answer is 6 or less, go to 3. We are sorry. " +
        "What went wrong? — if the answer is 9 or more, go to 4. What do you love most about us? — otherwise: " +
        "2. What would make it a 10?",
    );
    // The preview takes the detractor's way.
    await preview(page).getByRole("button", { name: "I agree" }).click();
    await preview(page).getByRole("radio", { name: "3", exact: true }).check();
    await preview(page).getByRole("button", { name: "Next" }).click();
    await expect.poll(() => previewHeading(page)).toBe("We are sorry. What went wrong?");
    // Only 0–2 count as unhappy now: a 3 goes the passives' way.
    await page.getByLabel("Question 1 rule 1 value").selectOption({ label: "2" });
    expect(await page.getByTestId("rule-words").first().textContent()).toBe(
      "If the answer is 2 or less, go to 3. We are sorry. What went wrong?",
    );
    await preview(page).getByRole("button", { name: "I agree" }).click();
    await preview(page).getByRole("radio", { name: "3", exact: true }).check();
    await preview(page).getByRole("button", { name: "Next" }).click();
    await expect.poll(() => previewHeading(page)).toBe("What would make it a 10?");
    // The rules of question 1 beside the preview and the picture of the paths.
    await page.getByTestId("rule-1-1").scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      const rules = document.querySelector("[data-testid=rule-1-1]")!.getBoundingClientRect();
      scrollBy(0, rules.top - 140);
      document.querySelector(".editor-side")!.scrollTop = 0;
    });
    await page.screenshot({ path: join(SCREENSHOT_DIR, "dashboard-editor-logic.png") });
    await page.getByRole("button", { name: "Save survey" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Saved");
    const surveys = await get<{ name: string; questions: { id: string; logic?: unknown }[] }[]>(
      page,
      `/api/sites/${stack.demo!.siteId}/surveys`,
    );
    const saved = surveys.find((x) => x.name === "NPS with follow-ups")!;
    expect(saved.questions.map((q) => q.id)).toEqual(["nps", "better", "wrong", "love"]);
    expect(saved.questions[0]!.logic).toEqual([
      { if: { op: "lte", value: 2 }, goto: "wrong" },
      { if: { op: "gte", value: 9 }, goto: "love" },
    ]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("a question id with answers › turning it into another type is warned of, and the save is refused", async () => {
    const { page, context, problems } = await signedIn("surveys");
    const history = await get<SurveyHistory>(
      page,
      `/api/sites/${stack.demo!.siteId}/surveys/${stack.demo!.surveyId}/history`,
    );
    const quick = history.answered.find((a) => a.id === "quick")!;
    expect(quick.answers).toBeGreaterThan(0);
    await page.getByRole("button", { name: /Post-purchase NPS/ }).click();
    await page.getByLabel("Question 6 type").selectOption({ label: "CSAT 1–5" });
    await expect
      .poll(() => page.getByTestId("type-clash-6").textContent())
      .toContain(`The id “quick” already has ${quick.answers} answers as Thumbs up/down.`);
    await page.getByRole("button", { name: "Save survey" }).click();
    await expect.poll(() => page.locator(".error[role=alert]").textContent()).toContain("quick");
    const current = await get<{ id: string; version: number }[]>(page, `/api/sites/${stack.demo!.siteId}/surveys`);
    expect(current.find((x) => x.id === stack.demo!.surveyId)!.version).toBe(history.version);
    // Back to thumbs: no warning.
    await page.getByLabel("Question 6 type").selectOption({ label: "Thumbs up/down" });
    expect(await page.getByTestId("type-clash-6").count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
