/** Steps of the dashboard that several browser tests take. */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
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

/**
 * Collects what goes wrong on a dashboard page: page errors, CSP violations and dialogs (dismissed).
 */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  // CSP violations reported by the page itself (not only the console wording).
  void page.exposeFunction("__cspViolation", (v: string) => problems.push(`csp: ${v}`));
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
  });
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}

/**
 * From `page`, already on the dashboard's origin: a new account signs up through the API (which signs it
 * in) and creates a site; resolves to the site's id.
 */
export function siteByApi(page: Page, emailPrefix: string, site: { name: string; origins: string[] }): Promise<string> {
  return page.evaluate(
    async ({ emailPrefix, site }) => {
      const post = (path: string, body: unknown) =>
        fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      await post("/api/auth/signup", {
        email: `${emailPrefix}-${crypto.randomUUID()}@example.com`,
        password: "correct horse battery",
      });
      const created = await post("/api/sites", site);
      return ((await created.json()) as { id: string }).id;
    },
    { emailPrefix, site },
  );
}

/** A new context of `browser` with `options`, its page watched (watchProblems) and opened at the dashboard, `base`. */
export async function openDashboard(browser: Browser, base: string, options: BrowserContextOptions) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(base);
  return { context, page, problems };
}
