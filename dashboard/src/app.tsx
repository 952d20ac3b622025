/** The dashboard shell: session check, site navigation, and the page of the current route. */
import { useEffect, useState } from "preact/hooks";
import type { Site } from "../../shared/types";
import { api } from "./api";
import { Login } from "./pages/login";
import { QueuePage } from "./pages/queue";
import { ResultsPage } from "./pages/results";
import { SettingsPage } from "./pages/settings";
import { SitesPage } from "./pages/sites";
import { SurveysPage } from "./pages/surveys";
import { go, useRoute } from "./route";

export function App() {
  const [me, setMe] = useState<string | null | undefined>(undefined);
  const [sites, setSites] = useState<Site[]>([]);
  const route = useRoute();

  const loadSites = () => api<Site[]>("GET", "/api/sites").then(setSites);
  useEffect(() => {
    api<{ email: string }>("GET", "/api/auth/me").then((m) => setMe(m.email), () => setMe(null));
  }, []);
  useEffect(() => {
    if (me) void loadSites();
  }, [me]);

  if (me === undefined) return <p class="loading">Loading…</p>;
  if (me === null) return <Login onDone={setMe} />;

  const site = "siteId" in route ? sites.find((s) => s.id === route.siteId) : undefined;
  const tab = (page: string, label: string) =>
    site ? (
      <a href={`#/sites/${site.id}/${page}`} aria-current={route.page === page ? "page" : undefined}>
        {label}
      </a>
    ) : null;

  return (
    <>
      <header class="top">
        <a href="#/sites" class="brand">Feedback</a>
        {site ? (
          <nav aria-label="Site">
            <span class="site-name">{site.name}</span>
            {tab("results", "Results")}
            {tab("queue", "Customers to answer")}
            {tab("surveys", "Surveys")}
            {tab("settings", "Settings")}
          </nav>
        ) : null}
        <span class="who">
          {me}{" "}
          <button type="button" class="link" onClick={async () => (await api("POST", "/api/auth/logout"), setMe(null), go("#/sites"))}>
            Sign out
          </button>
        </span>
      </header>
      <main class="page">
        {route.page === "sites" || !site ? (
          sites.length || route.page === "sites" ? <SitesPage sites={sites} onCreated={loadSites} /> : <p class="loading">Loading…</p>
        ) : route.page === "results" ? (
          <ResultsPage site={site} />
        ) : route.page === "queue" ? (
          <QueuePage site={site} />
        ) : route.page === "surveys" ? (
          <SurveysPage site={site} />
        ) : (
          <SettingsPage site={site} onSaved={loadSites} />
        )}
      </main>
    </>
  );
}
