/** Documentation of accounts: sign-up, login, logout, the signed-in account, invitations, deletion. */
import { accountSchema, invitationAcceptedSchema } from "../../../shared/api-schemas";
import { accountDeleteSchema, loginSchema, signupSchema } from "../../../shared/schemas";
import { json, noContent, route } from "./registry";

const SESSION = { "Set-Cookie": "fb_session (HttpOnly, SameSite=Strict): the session, 14 days" };

export const authDocs = [
  route({
    id: "signup",
    method: "post",
    path: "/api/auth/signup",
    tag: "Accounts",
    access: "public",
    summary: "Create an account (sets the session cookie)",
    description:
      "Where sign-up is by invitation (`SIGNUP=invite`, what `npm run deploy` sets), the first account signs up " +
      "freely and every later one needs `invite`, the token of an invitation link for that email (else 403 " +
      "`signup_closed`). The answer never tells whether the email has an account: with that account's own " +
      "password it signs in; with another password it answers the same, and its cookie opens nothing.",
    body: signupSchema,
    example: { email: "owner@shop.example", password: "correct horse battery" },
    responses: { 201: json("Signed up (or in)", accountSchema, SESSION) },
    errors: ["signup_closed"],
  }),
  route({
    id: "login",
    method: "post",
    path: "/api/auth/login",
    tag: "Accounts",
    access: "public",
    summary: "Sign in (sets the session cookie)",
    description:
      "Ten failed attempts from one client are free; then each one doubles that client's wait (429 with " +
      "`Retry-After`: 30 s, 1 min … 15 min). An account takes at most 100 attempts an hour from browsers that " +
      "never signed in to it; one that did carries a device cookie and is not held back by others' guesses.",
    body: loginSchema,
    example: { email: "owner@shop.example", password: "correct horse battery" },
    responses: { 200: json("Signed in", accountSchema, SESSION) },
  }),
  route({
    id: "logout",
    method: "post",
    path: "/api/auth/logout",
    tag: "Accounts",
    access: "public",
    summary: "Sign out (`?everywhere=true`: every session of the account)",
    responses: { 204: noContent("Signed out") },
    errors: ["forbidden"],
  }),
  route({
    id: "me",
    method: "get",
    path: "/api/auth/me",
    tag: "Accounts",
    access: "account",
    summary: "The signed-in account",
    responses: { 200: json("The account", accountSchema) },
  }),
  route({
    id: "deleteAccount",
    method: "delete",
    path: "/api/account",
    tag: "Accounts",
    access: "person",
    summary: "Delete the account and every site it alone owns",
    description:
      "Needs the password again (a wrong one is 403 and counts as a failed login). Sites shared with other " +
      "owners stay with them; everything naming the account goes.",
    body: accountDeleteSchema,
    example: { password: "correct horse battery" },
    responses: { 204: noContent("Deleted") },
  }),
  route({
    id: "acceptInvitation",
    method: "post",
    path: "/api/invitations/:token/accept",
    tag: "Team",
    access: "person",
    summary: "Join a site with an invitation, signed in with the invited email",
    responses: { 200: json("Joined", invitationAcceptedSchema) },
    errors: ["not_found"],
  }),
];
