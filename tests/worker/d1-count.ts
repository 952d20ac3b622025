/** A D1 binding that counts its round trips, to test what a path costs the database. */
import { env } from "cloudflare:workers";

/** env.DB counting round trips: each batch() is one; so is each statement run on its own. */
export function countingDb() {
  const real = env.DB;
  const loose = new Set<D1PreparedStatement>();
  let batches = 0;
  const db = new Proxy(real, {
    get(target, prop) {
      if (prop === "prepare")
        return (sql: string) => {
          const stmt = target.prepare(sql);
          const bind = stmt.bind.bind(stmt);
          // Every statement handed out (bound or not) is counted unless a batch takes it.
          stmt.bind = (...values: unknown[]) => {
            loose.delete(stmt);
            const bound = bind(...values);
            loose.add(bound);
            return bound;
          };
          loose.add(stmt);
          return stmt;
        };
      if (prop === "batch")
        return (stmts: D1PreparedStatement[]) => {
          batches++;
          for (const s of stmts) loose.delete(s);
          return target.batch(stmts);
        };
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as D1Database;
  const reset = () => {
    batches = 0;
    loose.clear();
  };
  return { db, roundTrips: () => batches + loose.size, reset };
}
