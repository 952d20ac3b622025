import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { WEBHOOK_EVENTS } from "../../shared/webhooks";
import { chunkStatements, type DataTable, type Scope, SITE_TABLES, SURVEY_TABLES } from "../../worker/src/db/site-data";
import { runScheduled } from "../../worker/src/services/scheduled";
import {
  apiToken,
  call,
  createSite,
  createSurvey,
  invite,
  json,
  member,
  type Owner,
  PASSWORD,
  signup,
  submission,
  submit,
  summary,
  type World,
} from "./fixtures";
import { plannedStatements } from "./watched-db";

/** Every table of the schema, read from the database itself: a table added later cannot be forgotten. */
async function tables(): Promise<string[]> {
  const rows = await env.DB.prepare(
    `SELECT name FROM sqlite_master
     WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'`,
  ).all<{ name: string }>();
  return rows.results.map((r) => r.name);
}

async function tablesWithColumn(column: string): Promise<string[]> {
  const found: string[] = [];
  for (const table of await tables()) {
    const cols = await env.DB.prepare(`SELECT name FROM pragma_table_info('${table}')`).all<{ name: string }>();
    if (cols.results.some((c) => c.name === column)) found.push(table);
  }
  return found.sort();
}

/** Rows of any table that mention any of `values` in any column, as { table: count }. */
async function rowsMentioning(values: string[]): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of await tables()) {
    const rows = (await env.DB.prepare(`SELECT * FROM "${table}"`).all()).results;
    const n = rows.filter((r) => values.some((v) => JSON.stringify(r).includes(v))).length;
    if (n > 0) found[table] = n;
  }
  return found;
}

/** A site with a row in every kind of table: answers with context, aggregates, a webhook of every event and
 * its deliveries (alerts, follow-ups, erasures), a withdrawal, an erasure, tokens, a member and a pending
 * invitation. Answers the ids that name its rows. */
async function fullSite(owner: Owner) {
  const site = await createSite(owner);
  const survey = await createSurvey(owner, site.id);
  const w: World = { owner, site, survey };
  const hook = await json(
    await call("POST", `/api/sites/${site.id}/webhooks`, {
      cookie: owner.cookie,
      body: { url: `${env.WEBHOOK_RECEIVER}/ok/deletion`, events: [...WEBHOOK_EVENTS] },
    }),
  );
  const ids = [site.id, site.key, survey.id, hook.id];
  for (const [i, score] of [3, 9, 10].entries()) {
    const body = submission(w, {
      respondent: `respondent-deletion-${i}-0123456789`,
      answers: [
        { question: "nps", value: score },
        { question: "why", value: "because" },
      ],
      context: { orderId: `A-${i}` },
    });
    expect((await submit(body)).status).toBe(201);
    ids.push(body.id);
  }
  const followUp = { cookie: owner.cookie, body: { status: "contacted", note: "called back" } };
  expect((await call("PATCH", `/api/sites/${site.id}/responses/${ids[4]}`, followUp)).status).toBe(200);
  await call("POST", "/v1/forget", { body: { site: site.key, respondent: "respondent-deletion-1-0123456789" } });
  await call("DELETE", `/api/sites/${site.id}/responses?context=orderId:A-2`, { cookie: owner.cookie });
  ids.push((await apiToken(owner, site.id, "admin")).id);
  await member(owner, site.id, "viewer");
  ids.push((await invite(owner, site.id, "editor")).id);
  return { w, ids };
}

describe("what deletion walks", () => {
  it("every table with a site_id or survey_id column › should be listed in db/site-data.ts", async () => {
    expect(SITE_TABLES.map((t) => t.table).sort()).toEqual(await tablesWithColumn("site_id"));
    expect(SURVEY_TABLES.map((t) => t.table).sort()).toEqual(await tablesWithColumn("survey_id"));
  });

  it("every chunk of a deletion › finds its rows through an index, never by reading a whole table", async () => {
    const scopes: [Scope, readonly DataTable[]][] = [
      [{ siteId: "site" }, SITE_TABLES],
      [{ siteId: "site", surveyId: "survey" }, SURVEY_TABLES],
    ];
    const planned = await plannedStatements((db) =>
      scopes.flatMap(([scope, tables]) =>
        tables.filter((t) => !t.deletedWith).flatMap((t) => chunkStatements(db, t, scope, 500)),
      ),
    );
    expect(planned.length).toBeGreaterThan(SITE_TABLES.length);
    const scans = planned.flatMap(({ sql, plan }) =>
      plan.filter((step) => /^SCAN /.test(step) && !/VIRTUAL TABLE/.test(step)).map((step) => [step, sql]),
    );
    expect(scans).toEqual([]);
  });

  it("a table deleted with another › is emptied by a trigger of that table", async () => {
    const deletedWithOther = SITE_TABLES.filter((x) => x.deletedWith);
    expect(deletedWithOther.map((t) => t.table)).toEqual(["answers"]);
    for (const t of deletedWithOther) {
      const triggers = await env.DB.prepare(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 AND sql LIKE '%DELETE ON%'",
      )
        .bind(t.deletedWith)
        .all<{ sql: string }>();
      expect(triggers.results.some((r) => r.sql.includes(`DELETE FROM ${t.table} WHERE`))).toBe(true);
    }
  });
});

describe("deleting a survey", () => {
  it("DELETE survey › 204; its responses, answers and aggregates go, the site's other survey stays", async () => {
    const owner = await signup();
    const { w, ids } = await fullSite(owner);
    const other = await createSurvey(owner, w.site.id);
    const kept = submission({ ...w, survey: other }, { answers: [{ question: "nps", value: 8 }] });
    expect((await submit(kept)).status).toBe(201);
    const res = await call("DELETE", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, { cookie: owner.cookie });
    expect(res.status).toBe(204);
    const surveyRows = ids.filter((id) => id !== w.site.id && id !== w.site.key && !id.startsWith("wh_"));
    const left = await rowsMentioning([w.survey.id, ...surveyRows.filter((id) => id.length === 21)]);
    // The notices of the customer's earlier erasures (response.erased, not sent yet) still name the
    // erased ids: receivers must still be told. Nothing else of the survey is left.
    const notices = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM alert_deliveries
       WHERE site_id = ?1 AND event = 'response.erased' AND payload IS NOT NULL`,
    )
      .bind(w.site.id)
      .first<{ n: number }>();
    expect(left).toEqual(notices!.n ? { alert_deliveries: notices!.n } : {});
    const after = await summary(w);
    expect(after.responses).toBe(1);
    expect(after.nps.distribution[8]).toBe(1);
    expect((await call("GET", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, { cookie: owner.cookie })).status).toBe(
      404,
    );
    const config = await json(await call("GET", `/v1/sites/${w.site.key}/config`));
    expect(config.surveys.map((s: { id: string }) => s.id)).toEqual([other.id]);
    const late = await submit(submission(w));
    expect(late.status).toBe(404);
    expect((await json(late)).error.code).toBe("unknown_survey");
    const again = await call("DELETE", `/api/sites/${w.site.id}/surveys/${w.survey.id}`, { cookie: owner.cookie });
    expect(again.status).toBe(404);
  });
});

describe("deleting a site", () => {
  it("DELETE site › 204; no row of the site is left in any table, the public routes forget it", async () => {
    const owner = await signup();
    const { w, ids } = await fullSite(owner);
    const kept = await fullSite(owner);
    const res = await call("DELETE", `/api/sites/${w.site.id}`, { cookie: owner.cookie });
    expect(res.status).toBe(204);
    expect(await rowsMentioning(ids)).toEqual({});
    expect((await call("GET", `/api/sites/${w.site.id}`, { cookie: owner.cookie })).status).toBe(404);
    expect((await call("GET", `/v1/sites/${w.site.key}/config`)).status).toBe(404);
    expect((await submit(submission(w))).status).toBe(404);
    const sites = await json(await call("GET", "/api/sites", { cookie: owner.cookie }));
    expect(sites.map((s: { id: string }) => s.id)).toEqual([kept.w.site.id]);
    expect((await summary(kept.w)).responses).toBe(1);
  });

  it("a large site › is hidden at once and finished by the hourly run, in bounded chunks", async () => {
    const owner = await signup();
    const { w, ids } = await fullSite(owner);
    // 30,000 answers: more than one request's budget of chunks.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 29999)
       INSERT INTO responses (id, site_id, survey_id, body_hash, respondent_hash, device, consent_at, created_at, day)
       SELECT printf('big%018d', i), ?1, ?2, 'h', 'r', 'desktop', '2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z',
         '2026-09-01' FROM n`,
    )
      .bind(w.site.id, w.survey.id)
      .run();
    expect((await call("DELETE", `/api/sites/${w.site.id}`, { cookie: owner.cookie })).status).toBe(204);
    expect((await call("GET", `/v1/sites/${w.site.key}/config`)).status).toBe(404);
    const hidden = await env.DB.prepare("SELECT COUNT(*) AS n FROM responses WHERE site_id = ?1")
      .bind(w.site.id)
      .first<{ n: number }>();
    expect(hidden!.n).toBeGreaterThan(0);
    await runScheduled(env, Date.now());
    expect(await rowsMentioning([...ids, "big0000"])).toEqual({});
  });
});

describe("deleting an account", () => {
  it("DELETE /api/account › needs the password; the account and its sole sites go, shared sites stay", async () => {
    const owner = await signup();
    const { ids } = await fullSite(owner);
    const partner = await signup();
    const shared = await createSite(partner, { name: "Shared" });
    const invitation = await invite(partner, shared.id, "owner", owner.email);
    await call("POST", `/api/invitations/${invitation.token}/accept`, { cookie: owner.cookie });
    const theirs = await createSite(owner, { name: "Passed on" });
    const handOver = await invite(owner, theirs.id, "owner", partner.email);
    await call("POST", `/api/invitations/${handOver.token}/accept`, { cookie: partner.cookie });
    const pendingForOwner = await invite(partner, shared.id, "viewer");
    expect(pendingForOwner.id).toMatch(/^inv_/);

    const wrong = await call("DELETE", "/api/account", {
      cookie: owner.cookie,
      body: { password: "not the password" },
    });
    expect(wrong.status).toBe(403);
    expect((await call("GET", "/api/sites", { cookie: owner.cookie })).status).toBe(200);
    const res = await call("DELETE", "/api/account", { cookie: owner.cookie, body: { password: PASSWORD } });
    expect(res.status).toBe(204);

    const me = await env.DB.prepare("SELECT id FROM owners WHERE email = ?1").bind(owner.email).first();
    expect(me).toBeNull();
    expect(await rowsMentioning([owner.id, owner.email, ...ids])).toEqual({});
    expect((await call("GET", "/api/sites", { cookie: owner.cookie })).status).toBe(401);
    const partnerSites = await json(await call("GET", "/api/sites", { cookie: partner.cookie }));
    expect(partnerSites.map((s: { id: string }) => s.id).sort()).toEqual([shared.id, theirs.id].sort());
    // The email is free again.
    expect((await signup(owner.email)).email).toBe(owner.email);
  });

  it("a site with nothing left of its deleted owner's › keeps working for the other owner", async () => {
    const owner = await signup();
    const site = await createSite(owner);
    const other = await member(owner, site.id, "owner");
    expect((await call("DELETE", "/api/account", { cookie: owner.cookie, body: { password: PASSWORD } })).status).toBe(
      204,
    );
    const survey = await call("POST", `/api/sites/${site.id}/surveys`, {
      cookie: other.cookie,
      body: { name: "x", questions: [{ id: "n", type: "nps", text: { en: "?" } }] },
    });
    expect(survey.status).toBe(201);
    const row = await env.DB.prepare("SELECT owner_id FROM sites WHERE id = ?1")
      .bind(site.id)
      .first<{ owner_id: string }>();
    expect(row!.owner_id).toBe(other.id);
  });
});
