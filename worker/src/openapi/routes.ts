/** Every documented route, in the order of docs/API.md. */
import { z } from "zod";
import { authDocs } from "./auth";
import { channelDocs } from "./channels";
import { privacyDocs } from "./privacy";
import { publicDocs } from "./public";
import { json, type RouteDoc, route } from "./registry";
import { resultDocs } from "./results";
import { siteDocs } from "./sites";
import { teamDocs } from "./team";

const openApiDoc = route({
  id: "openApi",
  method: "get",
  path: "/api/openapi.json",
  tag: "Public",
  access: "public",
  summary: "This document: OpenAPI 3.1, made from the zod schemas",
  responses: { 200: json("The OpenAPI document", z.record(z.string(), z.unknown())) },
});

export const API_ROUTES: readonly RouteDoc[] = [
  ...publicDocs,
  openApiDoc,
  ...authDocs,
  ...siteDocs,
  ...teamDocs,
  ...resultDocs,
  ...privacyDocs,
  ...channelDocs,
];
