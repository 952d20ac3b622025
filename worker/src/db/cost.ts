/** What a read cost the database, from D1's own figures: the bounded owner views pace themselves by it. */
export interface ReadCost {
  /** Milliseconds of SQL execution reported by D1 (0 when it does not say). */
  sqlMs: number;
  /** True when a read replica answered (D1 Sessions API): the primary, where writes go, was not busy. */
  replica: boolean;
}

export const costOf = (results: D1Result[]): ReadCost => ({
  sqlMs: results.reduce((sum, r) => sum + (Number(r.meta?.duration) || 0), 0),
  replica: results.length > 0 && results.every((r) => r.meta?.served_by_primary === false),
});
