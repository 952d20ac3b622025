/**
 * Owner sign-up, login and logout (session cookie: HttpOnly, SameSite=Strict, Secure off localhost),
 * and deleting the account. Every /api/auth route is limited per client (middleware/rate-limit.ts).
 */
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { SignupMode } from "../../../shared/constants";
import { accountDeleteSchema, loginSchema, signupSchema } from "../../../shared/schemas";
import type { AppEnv } from "../env";
import { clientKey } from "../lib/client-key";
import { parseOr400 } from "../lib/parse";
import { readJsonBody } from "../middleware/body";
import { assertSameOrigin, callerOf, requireOwner } from "../middleware/owner-auth";
import { authRateLimit } from "../middleware/rate-limit";
import { requireSession } from "../services/access";
import * as auth from "../services/auth";
import { deleteAccount } from "../services/deletion";
import { type AttemptOrigin, DEVICE_COOKIE } from "../services/login-throttle";

export const authRoutes = new Hono<AppEnv>();
authRoutes.use("*", authRateLimit);

/** Sign-up by invitation unless the deployment says "open" (npm run dev and the tests do). */
export const signupMode = (value: string | undefined): SignupMode => (value === "open" ? "open" : "invite");

const cookieOptions = (c: Context<AppEnv>, expiresAt: string) => ({
  httpOnly: true,
  secure: new URL(c.req.url).protocol === "https:",
  sameSite: "Strict" as const,
  expires: new Date(expiresAt),
});

function signIn(c: Context<AppEnv>, signedIn: auth.SignedIn) {
  setCookie(c, auth.SESSION_COOKIE, signedIn.session.token, {
    ...cookieOptions(c, signedIn.session.expiresAt),
    path: "/",
  });
  if (signedIn.device) {
    setCookie(c, DEVICE_COOKIE, signedIn.device.token, {
      ...cookieOptions(c, signedIn.device.expiresAt),
      path: "/api/",
    });
  }
}

const attemptOrigin = async (c: Context<AppEnv>): Promise<AttemptOrigin> => ({
  client: await clientKey(c.env, c.req.raw.headers),
  device: getCookie(c, DEVICE_COOKIE),
});

authRoutes.post("/signup", async (c) => {
  assertSameOrigin(c.req.raw);
  const input = parseOr400(signupSchema, await readJsonBody(c.req.raw));
  const signedIn = await auth.signup(c.env.DB, input, signupMode(c.env.SIGNUP), await attemptOrigin(c));
  signIn(c, signedIn);
  return c.json({ id: signedIn.ownerId, email: signedIn.email }, 201);
});

authRoutes.post("/login", async (c) => {
  assertSameOrigin(c.req.raw);
  const { email, password } = parseOr400(loginSchema, await readJsonBody(c.req.raw));
  const signedIn = await auth.login(c.env.DB, email, password, await attemptOrigin(c));
  // Rotation: the session that was presented (if any) is dropped with the new login.
  await auth.logout(c.env.DB, getCookie(c, auth.SESSION_COOKIE), false);
  signIn(c, signedIn);
  return c.json({ id: signedIn.ownerId, email: signedIn.email }, 200);
});

authRoutes.post("/logout", async (c) => {
  assertSameOrigin(c.req.raw);
  const everywhere = c.req.query("everywhere") === "true";
  const token = getCookie(c, auth.SESSION_COOKIE);
  let ownerId: string | undefined;
  if (everywhere && token) ownerId = (await auth.callerFromSession(c.env.DB, token))?.ownerId;
  await auth.logout(c.env.DB, token, everywhere, ownerId);
  deleteCookie(c, auth.SESSION_COOKIE, { path: "/" });
  return c.body(null, 204);
});

authRoutes.get("/me", requireOwner, async (c) => c.json(await auth.me(c.env.DB, callerOf(c).ownerId)));

/** Mounted at /api/account. */
export const accountRoutes = new Hono<AppEnv>();
accountRoutes.use("*", authRateLimit, requireOwner);

/** The account and every site it alone owns (the password again; never with an API token). */
accountRoutes.delete("/", async (c) => {
  requireSession(callerOf(c), "delete an account");
  const { password } = parseOr400(accountDeleteSchema, await readJsonBody(c.req.raw));
  await deleteAccount(c.env.DB, callerOf(c), password, await attemptOrigin(c));
  deleteCookie(c, auth.SESSION_COOKIE, { path: "/" });
  return c.body(null, 204);
});
