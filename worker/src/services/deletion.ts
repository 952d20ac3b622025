/**
 * Deleting a survey, a site or an account, in bounded work per request. The survey or site is hidden at
 * once (a `deleted_at` mark every lookup honours: owner routes, the public config, ingestion); its rows
 * are then deleted chunk by chunk, as many as a request's budget allows, and the hourly cron finishes
 * what a large site leaves (the retention purge's pattern). Unlike an erasure, which takes an answer's
 * weight out of the aggregates, deleting a whole survey or site deletes its aggregates too.
 */
import * as accounts from "../db/accounts";
import { findOwnerById } from "../db/owners";
import {
  chunkStatements,
  deleteScopeRow,
  pendingDeletions,
  type Scope,
  SITE_TABLES,
  SURVEY_TABLES,
} from "../db/site-data";
import * as sites from "../db/sites";
import * as surveys from "../db/surveys";
import { ApiError } from "../errors";
import { withD1Retry } from "../lib/d1-retry";
import { nowIso } from "../lib/time";
import { type Caller, checkPassword } from "./auth";
import type { AttemptOrigin } from "./login-throttle";
import { forgetSite } from "./site-cache";

/** Rows per chunk: one chunk is one transaction, far below D1's 30 s and 1,000 queries per invocation. */
export const DELETE_CHUNK = 500;
/** Chunks a request may spend before answering (a small site is gone by then, a large one is hidden). */
export const REQUEST_CHUNKS = 40;
/** Chunks one cron run may spend over every pending deletion. */
export const CRON_CHUNKS = 400;

export interface PurgeReport {
  chunks: number;
  done: boolean;
}

/** Deletes the scope's rows table by table within `budget` chunks; its own row once nothing is left. */
export async function purgeScope(db: D1Database, scope: Scope, budget: number): Promise<PurgeReport> {
  let chunks = 0;
  for (const table of scope.surveyId ? SURVEY_TABLES : SITE_TABLES) {
    if (table.deletedWith) continue;
    for (;;) {
      if (chunks >= budget) return { chunks, done: false };
      const [taken] = await withD1Retry(() => db.batch(chunkStatements(db, table, scope, DELETE_CHUNK)));
      chunks++;
      if (taken!.results.length < DELETE_CHUNK) break;
    }
  }
  await withD1Retry(() => deleteScopeRow(db, scope));
  return { chunks, done: true };
}

export async function deleteSurvey(db: D1Database, siteId: string, surveyId: string): Promise<PurgeReport> {
  const marked = await withD1Retry(() => surveys.markSurveyDeleted(db, siteId, surveyId, nowIso()));
  if (marked === 0) throw new ApiError("unknown_survey", "no such survey on this site");
  forgetSite(siteId);
  return purgeScope(db, { siteId, surveyId }, REQUEST_CHUNKS);
}

export async function deleteSite(db: D1Database, siteId: string): Promise<PurgeReport> {
  await withD1Retry(() => db.batch(sites.markSiteDeletedStatements(db, siteId, nowIso())));
  forgetSite(siteId);
  return purgeScope(db, { siteId }, REQUEST_CHUNKS);
}

/**
 * DELETE /api/account: the password again (checked as a login attempt, so it is throttled the same way),
 * then every site the account alone owns is deleted, shared sites stay with their other owners, and
 * everything naming the account goes; its row goes as soon as no site being deleted names it.
 */
export async function deleteAccount(db: D1Database, caller: Caller, password: string, from: AttemptOrigin) {
  const owner = await withD1Retry(() => findOwnerById(db, caller.ownerId));
  if (!owner) throw new ApiError("unauthorized", "sign in first");
  if (!(await checkPassword(db, owner.email, password, from))) {
    throw new ApiError("forbidden", "wrong password: the account was not deleted");
  }
  const alone = await withD1Retry(() => accounts.soleOwnedSites(db, owner.id));
  const at = nowIso();
  await withD1Retry(() =>
    db.batch([
      ...alone.flatMap((id) => sites.markSiteDeletedStatements(db, id, at)),
      ...accounts.retireAccountStatements(db, owner.id, owner.email, at),
    ]),
  );
  let budget = REQUEST_CHUNKS;
  for (const siteId of alone) {
    forgetSite(siteId);
    budget -= (await purgeScope(db, { siteId }, budget)).chunks;
    if (budget <= 0) break;
  }
  await withD1Retry(() => accounts.deleteRetiredOwners(db));
}

/** The cron's share: continue every pending deletion within `budget` chunks, then drop retired accounts. */
export async function continueDeletions(db: D1Database, budget = CRON_CHUNKS) {
  let spent = 0;
  let finished = 0;
  for (const scope of await withD1Retry(() => pendingDeletions(db, 100))) {
    if (spent >= budget) break;
    const target = scope.surveyId ? { siteId: scope.siteId, surveyId: scope.surveyId } : { siteId: scope.siteId };
    const report = await purgeScope(db, target, budget - spent);
    spent += report.chunks;
    if (report.done) finished++;
  }
  await withD1Retry(() => accounts.deleteRetiredOwners(db));
  return { chunks: spent, finished };
}
