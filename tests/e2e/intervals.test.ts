/**
 * Honest uncertainty on the results page (issue 19), in real Chromium against the real worker:
 * a new site's 7 promoters read "between 33 and 100" with the few-answers hint instead of
 * "100 ± 0"; on the seeded demo, the comparison with the previous 30 days says what the shared
 * test says, with its p-value on hover and for screen readers, and the per-product table and the
 * trend carry their intervals.
 */

import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareNps, round } from "../../shared/stats";
import type { Breakdown, Summary } from "../../shared/types";
import { launchBrowser, OwnerClient, postResponse, SCREENSHOT_DIR, type Stack, startStack } from "./support";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack({ seed: true }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A signed-in page that records CSP refusals and page errors. */
async function signedIn(email: string, password: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  await page.goto(stack.collectorUrl);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Your sites" }).waitFor();
  return { page, problems };
}

describe("results page intervals", () => {
  it("new site, 7 promoters › should read 'between 33 and 100' and the few-answers hint", async () => {
    const owner = new OwnerClient(stack.collectorUrl);
    const { email, password } = await owner.signup();
    const site = await owner.json("POST", "/api/sites", {
      name: "Seven answers",
      origins: [stack.shopUrl],
      retentionDays: 180,
    });
    const survey = await owner.json("POST", `/api/sites/${site.id}/surveys`, {
      name: "NPS and CSAT",
      questions: [
        { id: "nps", type: "nps", required: true, text: { en: "Recommend us?" } },
        { id: "csat", type: "csat", text: { en: "Satisfied?" } },
      ],
      trigger: { pages: ["/*"], delaySeconds: 0, scrollPercent: 0, exitIntent: false, sample: 1, cooldownDays: 0 },
      theme: { accent: "#0a7cff", position: "bottom-right" },
    });
    const config = await (await fetch(`${stack.collectorUrl}/v1/sites/${site.key}/config`)).json();
    for (const [i, value] of [9, 10, 10, 9, 10, 9, 10].entries()) {
      const res = await postResponse(stack, {
        site: site.key,
        survey: survey.id,
        respondent: `respondent-token-${i}-seven`,
        consent: { granted: true, policy: config.policy.version },
        answers: [
          { question: "nps", value },
          { question: "csat", value: 5 },
        ],
      });
      expect(res.status).toBe(201);
    }

    const { page, problems } = await signedIn(email, password);
    await page.goto(`${stack.collectorUrl}/#/sites/${site.id}/results`);
    await expect.poll(() => page.getByTestId("nps-score").textContent()).toBe("100");
    // Adjusted Wald: n' = 10, p = .775, d = .075 → 70 ± 37.2 → [32.8, 100], said in whole points.
    expect(await page.getByTestId("nps-interval").textContent()).toBe("between 33 and 100, 95% confidence");
    expect(await page.getByTestId("nps-interval").getAttribute("title")).toBe("95% confidence interval: 32.8 to 100");
    expect(await page.getByTestId("nps-few").textContent()).toContain("Few answers (7)");
    // The segment shares carry their Wilson intervals too: 7 of 7 promoters is 65–100%, 0 of 7 is 0–35%.
    expect(await page.getByTestId("promoters-interval").textContent()).toBe(" (65%–100%)");
    expect(await page.getByTestId("detractors-interval").textContent()).toBe(" (0%–35%)");
    // Wilson 7 of 7 satisfied: low = 7/10.8416 = 64.6%.
    expect(await page.getByTestId("csat-interval").textContent()).toBe("between 65% and 100%, 95% confidence");
    expect(await page.getByTestId("csat-few").textContent()).toContain("Few answers (7)");
    expect(await page.getByText("±").count()).toBe(0);
    // Nothing before these answers: nothing to compare with.
    await expect
      .poll(() => page.getByTestId("nps-change").textContent())
      .toBe("No NPS answer in the previous 30 days to compare with.");
    // The trend draws the interval as a band, and its hidden table has the interval columns.
    const trend = page.getByRole("img", { name: "NPS and CSAT over time" });
    expect(await trend.locator("path.nps-band").getAttribute("d")).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){3}Z$/);
    const table = page.locator("table.sr-only", {
      has: page.locator("caption", { hasText: "NPS and CSAT over time" }),
    });
    expect(await table.locator("thead th").allTextContents()).toEqual([
      "Period",
      "Responses",
      "NPS",
      "NPS 95% low",
      "NPS 95% high",
      "CSAT %",
    ]);
    expect(await table.locator("tbody td").allTextContents()).toEqual(["7", "100", "32.8", "100", "100"]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, "results-few-answers.png") });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("seeded demo › should say whether the change since the previous 30 days is beyond chance", async () => {
    const { page, problems } = await signedIn(stack.demo!.email, stack.demo!.password);
    await page.goto(`${stack.collectorUrl}/#/sites/${stack.demo!.siteId}/results`);
    await expect.poll(async () => Number(await page.getByTestId("responses").textContent())).toBeGreaterThan(30);
    const get = <T>(path: string) => page.evaluate((p) => fetch(p).then((r) => r.json()), path) as Promise<T>;
    const now = await get<Summary>(`/api/sites/${stack.demo!.siteId}/summary`);
    const before = new Date(Date.parse(now.from) - 30 * 864e5).toISOString().slice(0, 10);
    const last = new Date(Date.parse(now.from) - 864e5).toISOString().slice(0, 10);
    const then = await get<Summary>(`/api/sites/${stack.demo!.siteId}/summary?from=${before}&to=${last}`);
    expect(then.nps.count).toBeGreaterThan(0);
    const c = compareNps(now.nps, then.nps)!;

    const change = page.getByTestId("nps-change");
    await expect.poll(() => change.textContent()).toMatch(/^NPS /);
    const verdict = c.beyondChance ? "that is more than chance would explain" : "chance alone could explain that";
    const moved = c.difference > 0 ? "rose" : "fell";
    const expected =
      c.difference === 0
        ? "NPS is unchanged since the previous 30 days."
        : `NPS ${moved} by ${Math.abs(c.difference)} points since the previous 30 days ` +
          `(from ${then.nps.score} on ${then.nps.count} answers); ${verdict}`;
    expect(await change.textContent()).toContain(expected);
    if (c.difference !== 0) {
      // The p-value: on hover and in the text screen readers read.
      const p = c.p < 0.001 ? "p < 0.001" : "p = ";
      expect(await change.locator(".verdict").getAttribute("title")).toContain(p);
      expect(await change.locator(".verdict .sr-only").textContent()).toContain(p);
    }

    // Per product: every NPS cell has its interval, every row says how it compares with the rest.
    const breakdown = await get<Breakdown>(`/api/sites/${stack.demo!.siteId}/breakdown?key=productId`);
    const rows = page.getByTestId("breakdown").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(breakdown.rows.length);
    for (const [i, r] of breakdown.rows.entries()) {
      const cells = rows.nth(i).locator("td");
      const [low, high] = [round(r.nps.interval!.low, 0), round(r.nps.interval!.high, 0)];
      expect(await cells.nth(1).textContent()).toBe(
        `${r.nps.score} (${low} to ${high}), between ${low} and ${high} with 95% confidence`,
      );
      expect(await cells.nth(3).textContent()).toContain(
        r.nps.vsRest!.beyondChance ? "beyond chance" : "could be chance",
      );
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, "results-intervals.png"), fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
