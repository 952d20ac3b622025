/**
 * Teams in real Chromium against the real worker: an owner invites a viewer from the dashboard, the
 * viewer signs up with the link and sees no way to edit; the owner deletes a survey from the editor.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browser, stack, useLiveStack } from "./live-stack";
import { OwnerClient } from "./support";

useLiveStack();

const SURVEY = (name: string) => ({
  name,
  questions: [{ id: "nps", type: "nps", required: true, text: { en: "How likely are you to recommend us?" } }],
});

/** An owner with a site and two surveys, made through the API, signed in on a new page. */
async function ownerWithSite() {
  const owner = new OwnerClient(stack.collectorUrl);
  const { email, password } = await owner.signup();
  const site = await owner.json<{ id: string }>("POST", "/api/sites", { name: "Team shop", origins: [stack.shopUrl] });
  const first = await owner.json<{ id: string }>("POST", `/api/sites/${site.id}/surveys`, SURVEY("First survey"));
  await owner.json("POST", `/api/sites/${site.id}/surveys`, SURVEY("Second survey"));
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  return { owner, site, first, page };
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(stack.collectorUrl);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Your sites" }).waitFor();
}

describe("team", () => {
  it("an owner invites a viewer › the viewer signs up with the link and sees no edit buttons", async () => {
    const { site, page } = await ownerWithSite();
    await page.goto(`${stack.collectorUrl}/#/sites/${site.id}/settings`);
    const viewerEmail = `viewer-${Date.now()}@example.com`;
    await page.getByLabel("Email to invite").fill(viewerEmail);
    await page.getByLabel("Role of the invited person").selectOption("viewer");
    await page.getByRole("button", { name: "Invite" }).click();
    const link = (await page.getByTestId("invite-link").textContent())!.trim();
    expect(link).toMatch(/#\/invite\/inv_/);
    await expect.poll(() => page.getByRole("cell", { name: viewerEmail }).count()).toBe(1);

    const viewer = await (await browser.newContext()).newPage();
    await viewer.goto(link);
    await viewer.getByTestId("invitation").waitFor();
    await viewer.getByLabel("Email").fill(viewerEmail);
    await viewer.getByLabel("Password").fill("viewer password 123");
    await viewer.getByRole("button", { name: "Sign up" }).click();
    await viewer.getByRole("heading", { name: "Your sites" }).waitFor();
    await expect.poll(() => viewer.getByText("you are viewer").count()).toBe(1);

    await viewer.goto(`${stack.collectorUrl}/#/sites/${site.id}/surveys`);
    await viewer.getByTestId("role-note").waitFor();
    expect(await viewer.getByLabel("Survey name").isDisabled()).toBe(true);
    expect(await viewer.getByRole("button", { name: "Save survey" }).isVisible()).toBe(false);
    expect(await viewer.getByRole("button", { name: "+ New survey" }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Delete survey" }).count()).toBe(0);

    await viewer.goto(`${stack.collectorUrl}/#/sites/${site.id}/settings`);
    await viewer.getByRole("heading", { name: "Data requests" }).waitFor();
    for (const name of ["Site and privacy", "Team", "API tokens", "Delete this site"]) {
      expect(await viewer.getByRole("heading", { name }).count(), name).toBe(0);
    }
    expect(await viewer.getByRole("button", { name: "Save settings" }).count()).toBe(0);

    // The owner sees the viewer as a member now.
    await page.reload();
    await expect.poll(() => page.getByText("member").count()).toBeGreaterThanOrEqual(2);
  });

  it("an owner deletes a survey from the dashboard › it is gone from the list and the API", async () => {
    const { owner, site, first, page } = await ownerWithSite();
    await page.goto(`${stack.collectorUrl}/#/sites/${site.id}/surveys`);
    await page.getByRole("button", { name: /^First survey/ }).click();
    await page.getByRole("button", { name: "Delete survey" }).click();
    await page.getByRole("button", { name: "Delete “First survey” and its responses" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Deleted");
    expect(await page.getByRole("button", { name: /^First survey/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Second survey/ }).count()).toBe(1);
    const res = await owner.request("GET", `/api/sites/${site.id}/surveys/${first.id}`);
    expect(res.status).toBe(404);
  });
});
