/**
 * Every streamed CSV download ends cleanly, whatever the number of rows: empty, one row, exactly
 * one page, one page and one row, withdrawals only. The whole body is read (a stream that hangs
 * would fail the test by its timeout); the header, the row count and the final line break are checked.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CONSENT_PAGE } from "../../worker/src/services/consents";
import { csvStream } from "../../worker/src/services/csv";
import { EXPORT_PAGE } from "../../worker/src/services/responses";
import { call, clientId, submission, submit, type World, world } from "./fixtures";

const TODAY = new Date().toISOString().slice(0, 10);

/** `count` responses of today (consents, as the export sees them), with ids of their own. */
async function responses(w: World, count: number) {
  if (count === 0) return;
  const prefix = clientId().slice(0, 10);
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?3 - 1)
     INSERT INTO responses (id, site_id, survey_id, body_hash, respondent_hash, device, consent_policy, consent_at,
       created_at, day)
     SELECT ?4 || printf('%06d', i), ?1, ?2, 'h', 'r' || i, 'desktop', '2026-11-01', ?5, ?5, ?6 FROM n`,
  )
    .bind(w.site.id, w.survey.id, count, prefix, `${TODAY}T10:00:00.000Z`, TODAY)
    .run();
}

async function withdrawals(w: World, count: number) {
  await env.DB.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ?2 - 1)
     INSERT INTO consent_withdrawals (site_id, respondent_hash, withdrawn_at, deleted)
     SELECT ?1, 'w' || printf('%06d', i), ?3, 1 FROM n`,
  )
    .bind(w.site.id, count, `${TODAY}T11:00:00.000Z`)
    .run();
}

/** The whole body, split into lines; checks the BOM and the CRLF after the last line. */
async function download(w: World, path: string) {
  const res = await call("GET", `/api/sites/${w.site.id}/${path}`, { cookie: w.owner.cookie });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  expect(text.endsWith("\r\n")).toBe(true);
  return text.slice(0, -2).split("\r\n");
}

describe("consents.csv", () => {
  const cases: [string, number, number][] = [
    ["no consent and no withdrawal", 0, 0],
    ["one consent", 1, 0],
    ["exactly one page of consents", CONSENT_PAGE, 0],
    ["one page and one consent", CONSENT_PAGE + 1, 0],
    ["withdrawals only", 0, 3],
    ["exactly one page of withdrawals after consents", 2, CONSENT_PAGE],
  ];
  for (const [name, granted, withdrawn] of cases) {
    it(`${name} › the file ends, with its header and every record once`, async () => {
      const w = await world();
      await responses(w, granted);
      if (withdrawn) await withdrawals(w, withdrawn);
      const lines = await download(w, `consents.csv?from=${TODAY}&to=${TODAY}`);
      expect(lines[0]).toBe(
        "event,pseudonymous_id,at,policy_version,consent_text_version,response_id,locale,page,deleted_responses",
      );
      const rows = lines.slice(1);
      expect(rows.filter((l) => l.startsWith("granted,"))).toHaveLength(granted);
      expect(rows.filter((l) => l.startsWith("withdrawn,"))).toHaveLength(withdrawn);
      expect(rows).toHaveLength(granted + withdrawn);
      expect(new Set(rows).size).toBe(rows.length);
    });
  }
});

describe("export.csv", () => {
  for (const [name, count] of [
    ["no response", 0],
    ["one response", 1],
    ["exactly one page", EXPORT_PAGE],
    ["one page and one response", EXPORT_PAGE + 1],
  ] as const) {
    it(`${name} › the file ends, with its header and every response once`, async () => {
      const w = await world();
      await responses(w, count);
      const lines = await download(w, "export.csv");
      expect(lines[0]).toMatch(/^response_id,created_at,survey,locale,page,device,status,note,/);
      const ids = lines.slice(1).map((l) => l.split(",")[0]);
      expect(ids).toHaveLength(count);
      expect(new Set(ids).size).toBe(count);
    });
  }

  it("system-made ids › written as they are, even one starting with '-'; customers' text neutralised", async () => {
    const w = await world();
    const body = submission(w, {
      id: `-${"a".repeat(20)}`,
      answers: [
        { question: "nps", value: 4 },
        { question: "why", value: "-1+2" },
      ],
      context: { orderId: "=A-1" },
    });
    expect((await submit(body)).status).toBe(201);
    const [, row] = await download(w, "export.csv");
    expect(row!.split(",")[0]).toBe(body.id);
    const listed = await call("GET", `/api/sites/${w.site.id}/responses`, { cookie: w.owner.cookie });
    expect(((await listed.json()) as any).items[0].id).toBe(row!.split(",")[0]);
    expect(row).toContain(",'-1+2");
    expect(row).toContain(",orderId==A-1,");
  });
});

describe("csvStream", () => {
  it("pages with nothing to write, first or last › read on to the next or the end: never stalls", async () => {
    // Read in this isolate (not piped out through the runtime), as a client reads it: a pull()
    // that neither enqueued nor closed would leave this read waiting for ever.
    const pages = [[], [], [["a", 1]], [], [["b", 2]], []];
    let calls = 0;
    const stream = csvStream<number>(["name", "n"], async (cursor = 0) => {
      calls++;
      return { rows: pages[cursor]!, next: cursor + 1 < pages.length ? cursor + 1 : null };
    });
    // The decoder keeps the BOM (Response.text() would drop it).
    const read = async (s: ReadableStream<Uint8Array>) =>
      new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(s).arrayBuffer());
    const text = await read(stream);
    expect(text).toBe("\uFEFFname,n\r\na,1\r\nb,2\r\n");
    expect(calls).toBe(pages.length);
    const empty = await read(csvStream(["only"], async () => ({ rows: [], next: null })));
    expect(empty).toBe("\uFEFFonly\r\n");
  });
});
