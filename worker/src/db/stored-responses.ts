/** SQL that reads stored responses back to settle a submission under an id already written (services/ingest.ts). */

export interface StoredResponse {
  id: string;
  site_id: string;
  body_hash: string;
  complete: number;
  day: string;
  answers: { question: string; value: string }[];
}

/** Stored responses by id, with their answers (to tell a retry, a later part and a reused id apart). */
export async function storedResponses(db: D1Database, ids: string[]): Promise<Map<string, StoredResponse>> {
  const [rows, answers] = await db.batch([
    db
      .prepare(
        "SELECT id, site_id, body_hash, complete, day FROM responses WHERE id IN (SELECT value FROM json_each(?1))",
      )
      .bind(JSON.stringify(ids)),
    db
      .prepare(
        `SELECT response_id, question_id, value FROM answers
         WHERE response_id IN (SELECT value FROM json_each(?1)) ORDER BY response_id, question_id`,
      )
      .bind(JSON.stringify(ids)),
  ]);
  const byId = new Map<string, StoredResponse>();
  for (const r of rows!.results as Omit<StoredResponse, "answers">[]) byId.set(r.id, { ...r, answers: [] });
  for (const a of answers!.results as { response_id: string; question_id: string; value: string }[]) {
    byId.get(a.response_id)?.answers.push({ question: a.question_id, value: a.value });
  }
  return byId;
}
