/**
 * The dashboard on a new site of a new account, in real Chromium against the real worker: the survey
 * editor reorders questions with their own open sections; consent records of a site without answers.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openDashboard, siteByApi } from "./dashboard-page";
import { browser, stack, useLiveStack } from "./live-stack";

useLiveStack();

describe("dashboard", () => {
  it("survey editor › reordered questions keep their own open sections and texts", async () => {
    const { context, page, problems } = await openDashboard(browser, stack.collectorUrl, {
      viewport: { width: 1280, height: 900 },
    });
    const siteId = await siteByApi(page, "ed", { name: "Editor shop", origins: ["https://editor.example"] });
    await page.goto(`${stack.collectorUrl}/#/sites/${siteId}/surveys`);
    await page.reload();
    await page.getByRole("button", { name: "+ CSAT 1–5" }).click();
    const details = (n: number) =>
      page.getByRole("listitem", { name: new RegExp(`^Question ${n}:`) }).locator("details");
    // Question 1 (NPS) gets an open end-label section with its own words; question 2 (CSAT) stays folded.
    await details(1).locator("summary").click();
    await page.getByLabel("Question 1 low end (en)").fill("NPS low words");
    expect(await details(1).getAttribute("open")).toBe("");
    expect(await details(2).getAttribute("open")).toBeNull();

    await page.getByRole("button", { name: "Move question 1 down" }).click();
    // The NPS question is now second: its section is still open with its words; the CSAT one is still folded.
    expect(await page.getByRole("listitem", { name: /^Question 2:/ }).textContent()).toContain("NPS 0–10");
    expect(await details(2).getAttribute("open")).toBe("");
    expect(await page.getByLabel("Question 2 low end (en)").inputValue()).toBe("NPS low words");
    expect(await details(1).getAttribute("open")).toBeNull();
    expect(await page.getByRole("listitem", { name: /^Question 1:/ }).textContent()).toContain("CSAT 1–5");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("consent records of a new site › a file with just its header; a refused download says why", async () => {
    const { context, page, problems } = await openDashboard(browser, stack.collectorUrl, {
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });
    const siteId = await siteByApi(page, "dpo", { name: "New shop", origins: ["https://new.example"] });
    // Signed in by the API above: load the dashboard again, at the site's settings.
    await page.goto(`${stack.collectorUrl}/#/sites/${siteId}/settings`);
    await page.reload();
    const link = page.getByRole("link", { name: "Download consent records" });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^consents-pk_\w+-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = readFileSync((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.subarray(3).toString("utf8")).toBe(
      "event,pseudonymous_id,at,policy_version,consent_text_version,response_id,locale,page,deleted_responses\r\n",
    );
    // The server refuses (here: the session has ended meanwhile): the owner reads why, no file is saved.
    let downloads = 0;
    page.on("download", () => downloads++);
    await page.route("**/consents.csv*", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "unavailable", message: "the database is busy; retry later" } }),
      }),
    );
    await link.click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("The download failed: the database is busy");
    expect(downloads).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
