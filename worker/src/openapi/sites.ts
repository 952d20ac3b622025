/** Documentation of sites, API tokens and surveys. */
import { z } from "zod";
import { siteSchema, tokenCreatedSchema, tokenSchema } from "../../../shared/api-schemas";
import {
  siteInputSchema,
  sitePatchSchema,
  surveyInputSchema,
  surveySchema,
  tokenInputSchema,
} from "../../../shared/schemas";
import { json, noContent, route } from "./registry";

const SURVEY_EXAMPLE = {
  name: "Post-purchase NPS",
  questions: [
    { id: "nps", type: "nps" as const, required: true, text: { en: "How likely are you to recommend us?" } },
    { id: "why", type: "text" as const, text: { en: "What is the main reason for your score?" } },
  ],
  trigger: { pages: ["/checkout/thank-you*"], delaySeconds: 5 },
};

export const siteDocs = [
  route({
    id: "createSite",
    method: "post",
    path: "/api/sites",
    tag: "Sites",
    access: "person",
    summary: "Add a site; its creator becomes its owner",
    body: siteInputSchema,
    example: { name: "My shop", origins: ["https://shop.example"], retentionDays: 365 },
    responses: { 201: json("Created, with its public key for the snippet", siteSchema) },
  }),
  route({
    id: "listSites",
    method: "get",
    path: "/api/sites",
    tag: "Sites",
    access: "account",
    summary: "The caller's sites, each with the caller's role (a token sees its own site)",
    responses: { 200: json("The sites", z.array(siteSchema)) },
  }),
  route({
    id: "getSite",
    method: "get",
    path: "/api/sites/:siteId",
    tag: "Sites",
    access: "viewer",
    summary: "One site",
    responses: { 200: json("The site", siteSchema) },
  }),
  route({
    id: "updateSite",
    method: "patch",
    path: "/api/sites/:siteId",
    tag: "Sites",
    access: "owner",
    summary: "Change a site's name, origins, retention or privacy policy",
    body: sitePatchSchema,
    example: { retentionDays: 180, policyVersion: "2026-12-01" },
    responses: { 200: json("Changed", siteSchema) },
  }),
  route({
    id: "deleteSite",
    method: "delete",
    path: "/api/sites/:siteId",
    tag: "Sites",
    access: "owner",
    summary: "Delete a site and everything of it",
    description:
      "Hidden at once (owner routes, the public config and ingestion); its rows are deleted in bounded chunks, " +
      "a large site's finished by the hourly cron: responses, answers, aggregates, consent records, tokens, " +
      "webhooks, alerts, members and invitations.",
    responses: { 204: noContent("Deleted") },
  }),
  route({
    id: "createToken",
    method: "post",
    path: "/api/sites/:siteId/tokens",
    tag: "API tokens",
    access: "owner",
    summary: "Make an API token (shown once): scope read (default), write or admin",
    description:
      "`read`: summary, responses, exports. `write`: also surveys and follow-ups. `admin`: also the site, " +
      "members, tokens and webhooks. A token acts with at most its scope and its maker's role; a token minting " +
      "a token cannot give it a wider scope, and revoking it revokes what it minted.",
    body: tokenInputSchema,
    example: { name: "weekly report", scope: "read" },
    responses: { 201: json("The token, shown only now", tokenCreatedSchema) },
  }),
  route({
    id: "listTokens",
    method: "get",
    path: "/api/sites/:siteId/tokens",
    tag: "API tokens",
    access: "owner",
    summary: "The site's tokens (never their values)",
    responses: { 200: json("The tokens", z.array(tokenSchema)) },
  }),
  route({
    id: "revokeToken",
    method: "delete",
    path: "/api/sites/:siteId/tokens/:tokenId",
    tag: "API tokens",
    access: "owner",
    summary: "Revoke a token and every token minted from it",
    responses: { 204: noContent("Revoked") },
  }),
  route({
    id: "listSurveys",
    method: "get",
    path: "/api/sites/:siteId/surveys",
    tag: "Surveys",
    access: "viewer",
    summary: "The site's surveys",
    responses: { 200: json("The surveys", z.array(surveySchema)) },
  }),
  route({
    id: "createSurvey",
    method: "post",
    path: "/api/sites/:siteId/surveys",
    tag: "Surveys",
    access: "editor",
    summary: "Add a survey",
    body: surveyInputSchema,
    example: SURVEY_EXAMPLE,
    responses: { 201: json("Created", surveySchema) },
  }),
  route({
    id: "getSurvey",
    method: "get",
    path: "/api/sites/:siteId/surveys/:surveyId",
    tag: "Surveys",
    access: "viewer",
    summary: "One survey",
    responses: { 200: json("The survey", surveySchema) },
    errors: ["unknown_survey"],
  }),
  route({
    id: "replaceSurvey",
    method: "put",
    path: "/api/sites/:siteId/surveys/:surveyId",
    tag: "Surveys",
    access: "editor",
    summary: "Replace a survey (its version goes up by one)",
    body: surveyInputSchema,
    example: SURVEY_EXAMPLE,
    responses: { 200: json("Saved", surveySchema) },
    errors: ["unknown_survey"],
  }),
  route({
    id: "deleteSurvey",
    method: "delete",
    path: "/api/sites/:siteId/surveys/:surveyId",
    tag: "Surveys",
    access: "owner",
    summary: "Delete a survey with its responses and aggregates",
    responses: { 204: noContent("Deleted") },
    errors: ["unknown_survey"],
  }),
];
