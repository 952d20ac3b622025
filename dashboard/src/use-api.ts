/**
 * A GET of the owner API kept in step with what the page shows: fetched again when `path` changes,
 * an answer to an older path dropped, the last good data kept while the next loads. `null` as the
 * path fetches nothing (an input not yet valid).
 */
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";

export function useApiGet<T>(path: string | null): { data: T | null; error: unknown } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setError(null);
    api<T>("GET", path).then(
      (d) => live && setData(d),
      (err) => {
        if (!live) return;
        setError(err);
        setData(null);
      },
    );
    return () => {
      live = false;
    };
  }, [path]);
  return { data, error };
}
