/** UTC time helpers; all stored times are ISO strings, days are YYYY-MM-DD. */
export const nowIso = (now = Date.now()): string => new Date(now).toISOString();
export const dayOf = (iso: string): string => iso.slice(0, 10);
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
export const today = (now = Date.now()): string => dayOf(nowIso(now));
