/** Steps of the dashboard that several browser tests take. */
import type { Page } from "playwright-core";
import type { Stack } from "./support";

/** From the sign-in page: a new account signs up and creates a site for the demo shop; resolves to the site's id. */
export async function signUpWithSite(page: Page, stack: Stack): Promise<string> {
  await page.getByRole("button", { name: "No account yet? Sign up" }).click();
  await page.getByLabel("Email").fill(`owner-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign up" }).click();
  await page.getByLabel("Site name").fill("Coffee & Co");
  await page.getByLabel("Allowed origins").fill(stack.shopUrl);
  await page.getByRole("button", { name: "Create site" }).click();
  await page.waitForURL(/#\/sites\/site_\w+\/surveys/);
  return page.url().match(/sites\/(site_\w+)/)![1]!;
}
