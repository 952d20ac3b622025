/**
 * D1 bindings that watch what a path asks of the database: its round trips, a statement to fail, or the
 * plan of every statement it binds.
 */
import { env } from "cloudflare:workers";

interface Hooks {
  /** Every statement handed out, with its SQL. */
  prepared?(stmt: D1PreparedStatement, sql: string): void;
  /** A statement bound to `values`: `bound` is the one the caller runs. */
  bound?(unbound: D1PreparedStatement, bound: D1PreparedStatement, values: unknown[]): void;
  /** Every batch; `run` hands it to the real database. */
  batch?(stmts: D1PreparedStatement[], run: () => Promise<D1Result[]>): Promise<D1Result[]>;
}

/** env.DB with `hooks` on its statements and batches; everything else goes straight through. */
export function watchedDb(hooks: Hooks): D1Database {
  const real = env.DB;
  return new Proxy(real, {
    get(target, prop) {
      if (prop === "prepare")
        return (sql: string) => {
          const stmt = target.prepare(sql);
          const bind = stmt.bind.bind(stmt);
          stmt.bind = (...values: unknown[]) => {
            const bound = bind(...values);
            hooks.bound?.(stmt, bound, values);
            return bound;
          };
          hooks.prepared?.(stmt, sql);
          return stmt;
        };
      if (prop === "batch")
        return (stmts: D1PreparedStatement[]) =>
          hooks.batch ? hooks.batch(stmts, () => target.batch(stmts)) : target.batch(stmts);
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as D1Database;
}

/** env.DB counting round trips: each batch() is one; so is each statement run on its own. */
export function countingDb() {
  const loose = new Set<D1PreparedStatement>();
  let batches = 0;
  const db = watchedDb({
    // Every statement handed out (bound or not) is counted unless a batch takes it.
    prepared: (stmt) => loose.add(stmt),
    bound(unbound, bound) {
      loose.delete(unbound);
      loose.add(bound);
    },
    batch(stmts, run) {
      batches++;
      for (const s of stmts) loose.delete(s);
      return run();
    },
  });
  const reset = () => {
    batches = 0;
    loose.clear();
  };
  return { db, roundTrips: () => batches + loose.size, reset };
}

/**
 * The statements `run` makes (bound, or run without parameters; executed or only made, as a batch's
 * are) with the real database's plan of each (EXPLAIN QUERY PLAN, one line per step).
 */
export async function plannedStatements(
  run: (db: D1Database) => Promise<unknown> | unknown,
): Promise<{ sql: string; plan: string[] }[]> {
  // The statements made, each bound one in place of the statement it was bound from.
  const made = new Map<D1PreparedStatement, { sql: string; values: unknown[] }>();
  await run(
    watchedDb({
      prepared: (stmt, sql) => void made.set(stmt, { sql, values: [] }),
      bound(unbound, bound, values) {
        made.set(bound, { sql: made.get(unbound)!.sql, values });
        made.delete(unbound);
      },
    }),
  );
  const planned = [];
  for (const { sql, values } of made.values()) {
    const steps = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...values)
      .all<{ detail: string }>();
    planned.push({ sql, plan: steps.results.map((s) => s.detail) });
  }
  return planned;
}

/** env.DB adding up the rows its statements read (run by `all` or in a batch), by D1's own count (`meta.rows_read`). */
export function rowsReadDb() {
  let read = 0;
  const counted = (stmt: D1PreparedStatement) => {
    const all = stmt.all.bind(stmt);
    stmt.all = (async () => {
      const result = await all();
      read += result.meta.rows_read ?? 0;
      return result;
    }) as D1PreparedStatement["all"];
  };
  const db = watchedDb({
    prepared: counted,
    bound: (_, bound) => counted(bound),
    async batch(_, run) {
      const results = await run();
      for (const r of results) read += r.meta.rows_read ?? 0;
      return results;
    },
  });
  const reset = () => {
    read = 0;
  };
  return { db, rowsRead: () => read, reset };
}
