/**
 * The dashboard in real Chromium against the real worker: sign up → site → survey in the
 * editor → answers through the public API → the right NPS, counts and distribution; stored
 * XSS impossible; follow-up queue; CSV export; site settings and API tokens.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDashboard, signUpWithSite } from "./dashboard-page";
import { browser, stack, useLiveStack } from "./live-stack";
import { postResponse, SCREENSHOT_DIR } from "./support";

useLiveStack();

describe("dashboard", () => {
  it("sign up → site → survey → answers → scores, XSS as text, queue, export", async () => {
    const { context, page, problems } = await openDashboard(browser, stack.collectorUrl, {
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
    });

    // Wrong password first: a clear error.
    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Password").fill("wrong password 1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("wrong email or password");

    // Ten failures for one email from this browser: the eleventh waits (longer each time), and the form says so.
    await page.evaluate(async () => {
      for (let i = 0; i < 10; i++) {
        await fetch("/api/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "victim@example.com", password: `guess number ${i}` }),
        });
      }
    });
    await page.getByLabel("Email").fill("victim@example.com");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("too many failed logins");
    expect(await page.getByRole("button", { name: "Sign in" }).isDisabled()).toBe(true);

    const siteId = await signUpWithSite(page, stack);

    // The editor starts with an NPS question; add a free-text question and save.
    await page.getByRole("button", { name: "+ Free text" }).click();
    // Saving with an empty question says which field to fix, in the editor's words.
    await page.getByRole("button", { name: "Save survey" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("question 2 › text");
    await page.getByLabel("Question 2 text (en)").fill("Why?");
    // Every type can be added, moved and removed.
    await page.getByRole("button", { name: "+ One choice" }).click();
    await page.getByLabel("Question 3 text (en)").fill("Where did you find us?");
    await page.getByRole("button", { name: "Move question 3 up" }).click();
    expect(await page.getByLabel("Question 2 text (en)").inputValue()).toBe("Where did you find us?");
    await page.getByRole("button", { name: "Remove question 2" }).click();
    expect(await page.getByLabel("Question 2 text (en)").inputValue()).toBe("Why?");
    await page.getByLabel(/Thank customers with a reward/).check();
    await page.getByLabel("Discount code").fill("SORRY15");
    // The live preview is the real widget, in its shadow root.
    await expect.poll(() => page.getByTestId("preview").getByRole("button", { name: "I agree" }).count()).toBe(1);
    await page.getByTestId("preview").getByRole("button", { name: "I agree" }).click();
    expect(await page.getByTestId("preview").getByRole("radio").count()).toBe(11);
    // Texts per language; the preview follows the unsaved draft in the chosen language.
    await page.getByRole("checkbox", { name: "ro", exact: true }).check();
    await page.getByLabel("Question 1 text (ro)").fill("Ne-ai recomanda unui prieten?");
    // Question 2 and the reward have no Romanian text yet: the editor says so.
    expect(await page.getByTestId("missing-texts").textContent()).toContain("ro (2 texts)");
    await page.getByLabel("Preview language").selectOption("ro");
    await page.getByTestId("preview").getByRole("button", { name: "Sunt de acord" }).click();
    await expect.poll(() => page.getByTestId("preview").getByText("Ne-ai recomanda unui prieten?").count()).toBe(1);
    await page.getByLabel("Preview language").selectOption("en");
    // Custom end labels of a scale reach the preview.
    await page.getByText("End labels (optional)").first().click();
    await page.getByLabel("Question 1 low end (en)").fill("Never ever");
    await page.getByTestId("preview").getByRole("button", { name: "I agree" }).click();
    await expect
      .poll(() =>
        page
          .getByTestId("preview")
          .getByText(/Never ever/)
          .count(),
      )
      .toBe(1);
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOT_DIR, "dashboard-editor.png"), fullPage: false });
    expect(await page.getByTestId("unsaved").count()).toBe(1);
    await page.getByRole("button", { name: "Save survey" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Saved");
    expect(await page.getByTestId("unsaved").count()).toBe(0);
    // Unsaved edits survive a trip to another tab, and can be discarded.
    await page.getByLabel("Survey name").fill("Renamed, not saved");
    await page.getByRole("link", { name: "Results" }).click();
    await page.getByRole("link", { name: "Surveys" }).click();
    await expect.poll(() => page.getByLabel("Survey name").inputValue()).toBe("Renamed, not saved");
    expect(await page.getByTestId("unsaved").count()).toBe(1);
    await page.getByRole("button", { name: "Discard changes" }).click();
    expect(await page.getByLabel("Survey name").inputValue()).toBe("Post-purchase NPS");
    expect(await page.getByTestId("unsaved").count()).toBe(0);

    const sites = await page.evaluate(() => fetch("/api/sites").then((r) => r.json()));
    const site = sites.find((s: { id: string }) => s.id === siteId);
    const surveys = await page.evaluate((id) => fetch(`/api/sites/${id}/surveys`).then((r) => r.json()), siteId);
    const survey = surveys[0];
    expect(survey.questions.map((q: { id: string }) => q.id)).toEqual(["nps", "text1"]);
    expect(survey.reward.code).toBe("SORRY15");
    expect(survey.questions[0].labels).toEqual({ low: { en: "Never ever" } });
    expect(survey.questions[0].text).toEqual({
      en: "How likely are you to recommend us to a friend?",
      ro: "Ne-ai recomanda unui prieten?",
    });

    // Answers through the public API, from the shop's origin.
    const scores = [10, 10, 9, 8, 7, 6, 3, 0];
    const xss = "<img src=x onerror=alert(1)>";
    for (const [i, score] of scores.entries()) {
      const res = await postResponse(stack, {
        site: site.key,
        survey: survey.id,
        respondent: `respondent-token-${i}-abcdef`,
        consent: { granted: true, policy: site.policyVersion },
        locale: "en",
        page: `${stack.shopUrl}/checkout/thank-you`,
        context: { productId: i % 2 ? "sku-1" : "sku-2" },
        answers: [{ question: "nps", value: score }, ...(score === 0 ? [{ question: "text1", value: xss }] : [])],
      });
      expect(res.status).toBe(201);
    }
    // By hand: promoters 3 (10,10,9), passives 2 (8,7), detractors 3 (6,3,0) of 8 → (3 − 3)/8 = 0.
    // Adjusted Wald: n' = 11, p = d = 3.75/11 = .340909, var = .681818/11 = .061983, 1.96·√ = .487971 → ±48.8
    await page.goto(`${stack.collectorUrl}/#/sites/${siteId}/results`);
    await expect.poll(() => page.getByTestId("nps-score").textContent()).toBe("0");
    expect(await page.getByTestId("nps-interval").textContent()).toBe("between -49 and 49, 95% confidence");
    expect(await page.getByTestId("responses").textContent()).toBe("8");
    expect(await page.getByTestId("promoters").textContent()).toBe("3");
    expect(await page.getByTestId("passives").textContent()).toBe("2");
    expect(await page.getByTestId("detractors").textContent()).toBe("3");
    // What the collector accepted and then did not store (nothing, here): GET /api/sites/:id/ingestion.
    await expect
      .poll(() => page.getByTestId("delivery-health").textContent())
      .toMatch(/^Every answer accepted from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d was stored\.$/);
    const bars = await page
      .getByRole("img", { name: "Number of answers per NPS score" })
      .locator("rect title")
      .allTextContents();
    expect(bars).toEqual(["0: 1", "1: 0", "2: 0", "3: 1", "4: 0", "5: 0", "6: 1", "7: 1", "8: 1", "9: 1", "10: 2"]);
    // The hostile text is shown literally and runs nothing.
    await expect.poll(() => page.getByTestId("texts").textContent()).toContain(xss);
    expect(await page.locator("img[src=x]").count()).toBe(0);
    // Search in the text answers (server-side `q=`).
    await page.getByLabel("Search text answers").fill("onerror");
    await expect.poll(() => page.getByTestId("texts").locator("li").count()).toBe(1);
    await page.getByLabel("Search text answers").fill("no such words");
    await expect.poll(() => page.getByText("No text answer matches this search.").count()).toBe(1);
    await page.getByLabel("Search text answers").fill("");
    // A custom range without answers: empty states, no score.
    await page.getByLabel("Period").selectOption("custom");
    await page.getByLabel("From", { exact: true }).fill("2020-01-01");
    await page.getByLabel("To", { exact: true }).fill("2020-01-31");
    await expect.poll(() => page.getByTestId("responses").textContent()).toBe("0");
    expect(await page.getByTestId("nps-score").textContent()).toBe("—");
    await expect.poll(() => page.getByText("No NPS answer in this period.").count()).toBe(1);
    expect(await page.getByText("No answers in this period.").count()).toBe(1);
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => page.getByTestId("responses").textContent()).toBe("8");
    // Per product: sku-1 got 10, 8, 6, 0 → (1 − 2)/4 = −25.
    const breakdown = page.getByTestId("breakdown");
    expect(await breakdown.locator("tbody tr").count()).toBe(2);
    await breakdown.getByRole("button", { name: "sku-1" }).click();
    await expect.poll(() => page.getByTestId("nps-score").textContent()).toBe("-25");
    expect(await page.getByTestId("responses").textContent()).toBe("4");

    // Follow-up: resolve the oldest detractor, it leaves the queue.
    await page.goto(`${stack.collectorUrl}/#/sites/${siteId}/queue`);
    await expect.poll(() => page.getByTestId("queue").locator("li").count()).toBe(3);
    const first = page.getByTestId("queue").locator("li").first();
    const resolvedId = await first.getAttribute("data-response");
    await first.getByLabel("Follow-up status").selectOption("resolved");
    await first.getByLabel("Note").fill("Refunded and called back");
    await first.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByTestId("queue").locator("li").count()).toBe(2);
    expect(await page.locator(`[data-response="${resolvedId}"]`).count()).toBe(0);
    expect(await page.getByTestId("queue-status").textContent()).toBe("Marked resolved: it left this list.");
    await page.getByLabel("Show", { exact: true }).selectOption("resolved");
    await expect.poll(() => page.locator(`[data-response="${resolvedId}"]`).count()).toBe(1);
    await page.getByLabel("Show", { exact: true }).selectOption("new");
    await expect.poll(() => page.getByTestId("queue").locator("li").count()).toBe(2);
    // Deleting a response (the NPS 3) erases its weight: 3 promoters, 2 passives, 2 detractors of 7 → 14.3.
    const second = page.getByTestId("queue").locator("li").first();
    await second.getByRole("button", { name: "Delete" }).click();
    await second.getByRole("button", { name: /Delete the response/ }).click();
    await expect.poll(() => page.getByTestId("queue").locator("li").count()).toBe(1);

    // Export of the current filters.
    // Back on the results, the product filter picked before is still applied; clearing it shows all.
    await page.getByRole("link", { name: "Results" }).click();
    await expect.poll(() => page.getByTestId("nps-score").textContent()).toBe("-25");
    expect(await page.getByLabel("Context value").inputValue()).toBe("sku-1");
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(() => page.getByTestId("nps-score").textContent()).toBe("14.3");
    expect(await page.getByTestId("responses").textContent()).toBe("7");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const rows = csv.trimEnd().split("\r\n");
    expect(rows).toHaveLength(1 + scores.length - 1);
    expect(csv).toContain("Refunded and called back");
    expect(csv).toContain(xss);

    // Settings: the snippet names the site key; a token is shown once and can be revoked.
    await page.getByRole("link", { name: "Settings" }).click();
    // Site settings: retention (its note says aggregates stay) and the privacy policy.
    const retention = page.getByRole("spinbutton", { name: "Retention (days)", exact: true });
    expect(await retention.getAttribute("aria-describedby")).toBeTruthy();
    expect(await page.getByText(/daily totals .* are kept/).count()).toBe(1);
    await retention.fill("180");
    await page.getByLabel("Privacy policy URL").fill(`${stack.shopUrl}/privacy`);
    await page.getByLabel("Privacy policy version").fill("2026-12-01");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText("Saved.", { exact: true }).count()).toBe(1);
    const edited = (await page.evaluate(() => fetch("/api/sites").then((r) => r.json()))).find(
      (x: { id: string }) => x.id === siteId,
    );
    expect([edited.retentionDays, edited.policyUrl, edited.policyVersion]).toEqual([
      180,
      `${stack.shopUrl}/privacy`,
      "2026-12-01",
    ]);
    expect(await page.getByTestId("snippet").textContent()).toContain(`data-site="${site.key}"`);
    expect(await page.getByTestId("snippet-sri").textContent()).toMatch(
      /integrity="sha384-[\w+/=]+" crossorigin="anonymous" data-site=/,
    );
    await page.getByLabel("New token name").fill("weekly report");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect.poll(() => page.getByTestId("new-token").textContent()).toMatch(/\S{20,}/);
    const token = (await page.getByTestId("new-token").textContent())!;
    await page.screenshot({ path: join(SCREENSHOT_DIR, "dashboard-settings.png"), fullPage: true });
    const viaToken = await fetch(`${stack.collectorUrl}/api/sites/${siteId}/summary`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.status).toBe(200);
    await page.getByRole("button", { name: "Revoke", exact: true }).click();
    await page.getByRole("button", { name: "Revoke “weekly report”" }).click();
    await expect.poll(() => page.getByText(/^revoked/).count()).toBe(1);
    expect(
      (
        await fetch(`${stack.collectorUrl}/api/sites/${siteId}/summary`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(401);

    expect(problems).toEqual([]);
    await context.close();
  });
});
