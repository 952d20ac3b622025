/** The owner's view of the answers: the list and its filters, follow-up, deletion and the CSV export. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, json, submission, submit, type World, world } from "./fixtures";

async function seedResponses(w: World) {
  const ids: string[] = [];
  const scores = [0, 3, 6, 7, 8, 9, 10];
  for (const score of scores) {
    const body = submission(w, {
      answers: [
        { question: "nps", value: score },
        { question: "why", value: `reason ${score}` },
      ],
      context: { productId: score < 7 ? "sku-bad" : "sku-good" },
    });
    expect((await submit(body)).status).toBe(201);
    ids.push(body.id);
  }
  return ids;
}

describe("responses, follow-up and export", () => {
  it("list › should page with a cursor and filter by segment, status, context and text", async () => {
    const w = await world();
    await seedResponses(w);
    const base = `/api/sites/${w.site.id}/responses`;
    const page1 = await json(await call("GET", `${base}?limit=3`, { cookie: w.owner.cookie }));
    expect(page1.items).toHaveLength(3);
    expect(page1.next).toBeTruthy();
    const page2 = await json(await call("GET", `${base}?limit=3&cursor=${page1.next}`, { cookie: w.owner.cookie }));
    const page3 = await json(await call("GET", `${base}?limit=3&cursor=${page2.next}`, { cookie: w.owner.cookie }));
    const all = [...page1.items, ...page2.items, ...page3.items].map((i: { id: string }) => i.id);
    expect(new Set(all).size).toBe(7);
    expect(page3.next).toBeNull();
    const detractors = await json(await call("GET", `${base}?segment=detractor`, { cookie: w.owner.cookie }));
    expect(detractors.items.map((i: any) => i.answers.find((a: any) => a.question === "nps").value).sort()).toEqual([
      0, 3, 6,
    ]);
    const passives = await json(await call("GET", `${base}?segment=passive`, { cookie: w.owner.cookie }));
    expect(passives.items).toHaveLength(2);
    const good = await json(await call("GET", `${base}?context=productId:sku-good`, { cookie: w.owner.cookie }));
    expect(good.items).toHaveLength(4);
    const search = await json(await call("GET", `${base}?q=REASON 9`, { cookie: w.owner.cookie }));
    expect(search.items).toHaveLength(1);
    expect(search.items[0]).toMatchObject({
      status: "new",
      context: { productId: "sku-good" },
      page: "https://shop.example/checkout/thank-you",
    });
    const bad = await call("GET", `${base}?cursor=garbage`, { cookie: w.owner.cookie });
    expect(bad.status).toBe(400);
  });

  it("follow-up › resolving a detractor should move it out of the queue", async () => {
    const w = await world();
    await seedResponses(w);
    const queueUrl = `/api/sites/${w.site.id}/responses?segment=detractor&status=new&order=asc`;
    const queue = await json(await call("GET", queueUrl, { cookie: w.owner.cookie }));
    expect(queue.items).toHaveLength(3);
    const target = queue.items[0].id;
    const res = await call("PATCH", `/api/sites/${w.site.id}/responses/${target}`, {
      cookie: w.owner.cookie,
      body: { status: "resolved", note: "Refunded" },
    });
    expect(res.status).toBe(200);
    const after = await json(await call("GET", queueUrl, { cookie: w.owner.cookie }));
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(target);
    const resolved = await json(
      await call("GET", `/api/sites/${w.site.id}/responses?status=resolved`, { cookie: w.owner.cookie }),
    );
    expect(resolved.items).toMatchObject([{ id: target, status: "resolved", note: "Refunded" }]);
    const badStatus = await call("PATCH", `/api/sites/${w.site.id}/responses/${target}`, {
      cookie: w.owner.cookie,
      body: { status: "done" },
    });
    expect(badStatus.status).toBe(400);
    const missing = await call("PATCH", `/api/sites/${w.site.id}/responses/nope`, {
      cookie: w.owner.cookie,
      body: { status: "resolved" },
    });
    expect(missing.status).toBe(404);
  });

  it("owner delete › should remove the response and its weight from the summary", async () => {
    const w = await world();
    const ids = await seedResponses(w);
    const before = await json(await call("GET", `/api/sites/${w.site.id}/summary`, { cookie: w.owner.cookie }));
    expect(before.nps.count).toBe(7);
    expect(
      (await call("DELETE", `/api/sites/${w.site.id}/responses/${ids[0]}`, { cookie: w.owner.cookie })).status,
    ).toBe(204);
    const after = await json(await call("GET", `/api/sites/${w.site.id}/summary`, { cookie: w.owner.cookie }));
    expect(after.nps).toMatchObject({ count: 6, detractors: 2 });
    expect(after.responses).toBe(6);
  });

  it("export.csv › should stream UTF-8 with BOM, neutralise formulas, and honour filters", async () => {
    const w = await world();
    const evil = ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tTab", 'Ăă Șș Łł Řř Հայերեն, "quoted"'];
    for (const text of evil) {
      expect(
        (
          await submit(
            submission(w, {
              answers: [
                { question: "nps", value: 5 },
                { question: "why", value: text },
              ],
              context: { note: "=cmd" },
            }),
          )
        ).status,
      ).toBe(201);
    }
    await submit(submission(w, { answers: [{ question: "nps", value: 10 }] }));
    const res = await call("GET", `/api/sites/${w.site.id}/export.csv?segment=detractor`, { cookie: w.owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="responses-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + evil.length);
    expect(lines[0]).toMatch(/^response_id,created_at,survey,/);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(",'+1+1");
    expect(text).toContain(",'-2");
    expect(text).toContain(",'@SUM(A1)");
    expect(text).toContain(",'\tTab");
    expect(text).toContain(`"Ăă Șș Łł Řř Հայերեն, ""quoted"""`);
    expect(text).toContain(",note==cmd,"); // the cell starts with "note": no formula, nothing to neutralise
    for (const line of lines.slice(1)) expect(line.split(",")[0]).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it("export of many rows › should stream across pages without losing or repeating a row", async () => {
    const w = await world();
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1233)
       INSERT INTO responses
         (id, site_id, survey_id, body_hash, respondent_hash, device, consent_at, created_at, day, nps_min)
       SELECT printf('exp%018d', i), ?1, ?2, 'h', 'r', 'desktop', '2026-09-01T00:00:00Z', '2026-09-01T00:00:00Z',
              '2026-09-01', 5 FROM n`,
    )
      .bind(w.site.id, w.survey.id)
      .run();
    const res = await call("GET", `/api/sites/${w.site.id}/export.csv`, { cookie: w.owner.cookie });
    const rows = (await res.text()).trimEnd().split("\r\n").slice(1);
    expect(rows).toHaveLength(1234);
    expect(new Set(rows.map((r) => r.split(",")[0])).size).toBe(1234);
  });
});
