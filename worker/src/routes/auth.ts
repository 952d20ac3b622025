/** Owner sign-up, login and logout (session cookie: HttpOnly, SameSite=Strict, Secure off localhost). */
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { credentialsSchema } from "../../../shared/schemas";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { parseOr400 } from "../lib/parse";
import { readJsonBody } from "../middleware/body";
import { assertSameOrigin, requireOwner } from "../middleware/owner-auth";
import * as auth from "../services/auth";

export const authRoutes = new Hono<AppEnv>();

function setSession(c: Context<AppEnv>, session: auth.NewSession) {
  const secure = new URL(c.req.url).protocol === "https:";
  setCookie(c, auth.SESSION_COOKIE, session.token, {
    httpOnly: true,
    secure,
    sameSite: "Strict",
    path: "/",
    expires: new Date(session.expiresAt),
  });
}

authRoutes.post("/signup", async (c) => {
  assertSameOrigin(c.req.raw);
  const { email, password } = parseOr400(credentialsSchema, await readJsonBody(c.req.raw));
  const { ownerId, session } = await auth.signup(c.env.DB, email, password);
  setSession(c, session);
  return c.json({ id: ownerId, email }, 201);
});

authRoutes.post("/login", async (c) => {
  assertSameOrigin(c.req.raw);
  const raw = await readJsonBody(c.req.raw);
  // Any password is checked (not the signup rules): old accounts may predate them.
  const creds = parseOr400(credentialsSchema.pick({ email: true }), raw);
  const password =
    typeof (raw as { password?: unknown }).password === "string" ? (raw as { password: string }).password : "";
  if (!password) throw new ApiError("invalid_body", "password: required");
  const { ownerId, session } = await auth.login(c.env.DB, creds.email, password);
  // Rotation: the session that was presented (if any) is dropped with the new login.
  await auth.logout(c.env.DB, getCookie(c, auth.SESSION_COOKIE), false);
  setSession(c, session);
  return c.json({ id: ownerId, email: creds.email }, 200);
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

authRoutes.get("/me", requireOwner, async (c) => c.json(await auth.me(c.env.DB, c.get("ownerId")!)));
