/** Hash routes (#/sites/ID/results): no server routing needed, and a reload keeps the page. */
import { useEffect, useState } from "preact/hooks";

export type Route =
  | { page: "sites" }
  | { page: "results" | "queue" | "surveys" | "settings"; siteId: string }
  /**
   * An invitation link (`#/invite/TOKEN`): in the fragment, the token stays out of request lines
   * and Referer headers.
   */
  | { page: "invite"; token: string };

export function parseRoute(hash: string): Route {
  const invite = hash.match(/^#\/invite\/([\w-]+)/);
  if (invite) return { page: "invite", token: invite[1]! };
  const m = hash.match(/^#\/sites\/([\w-]+)\/(results|queue|surveys|settings)/);
  return m ? { page: m[2] as "results", siteId: m[1]! } : { page: "sites" };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return route;
}

export const go = (hash: string) => {
  location.hash = hash;
};
