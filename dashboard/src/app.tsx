/** The dashboard shell: session check, site navigation, and the page of the current route. */
import { useEffect, useState } from "preact/hooks";
import type { Site } from "../../shared/types";
import { api, SESSION_ENDED } from "./api";
import { ErrorBox } from "./components/form";
import { InvitationPage } from "./pages/invitation";
import { Login } from "./pages/login";
import { QueuePage } from "./pages/queue";
import { ResultsPage } from "./pages/results";
import { SettingsPage } from "./pages/settings";
import { SitesPage } from "./pages/sites";
import { SurveysPage } from "./pages/surveys";
import { go, useRoute } from "./route";
import { useSiteSurveys } from "./site-surveys";

const TABS = [
  ["results", "Results"],
  ["queue", "Customers to answer"],
  ["surveys", "Surveys"],
  ["settings", "Settings"],
] as const;

export function App() {
  const [me, setMe] = useState<string | null | undefined>(undefined);
  const [sites, setSites] = useState<Site[] | null>(null);
  const route = useRoute();

  const loadSites = () => api<Site[]>("GET", "/api/sites").then(setSites, () => setSites([]));
  useEffect(() => {
    api<{ email: string }>("GET", "/api/auth/me").then(
      (m) => setMe(m.email),
      () => setMe(null),
    );
    const ended = () => setMe(null);
    addEventListener(SESSION_ENDED, ended);
    return () => removeEventListener(SESSION_ENDED, ended);
  }, []);
  useEffect(() => {
    if (me) void loadSites();
    else setSites(null);
  }, [me]);

  const site = "siteId" in route ? sites?.find((s) => s.id === route.siteId) : undefined;
  const siteSurveys = useSiteSurveys(site?.id);
  useEffect(() => {
    const page = TABS.find(([p]) => p === route.page)?.[1];
    document.title = site && page ? `${page} · ${site.name} · Feedback` : "Feedback · dashboard";
  }, [route.page, site?.name]);

  if (me === undefined) return <p class="loading page">Loading…</p>;
  if (me === null) return <Login onDone={setMe} invite={route.page === "invite" ? route.token : undefined} />;

  const signOut = async (everywhere: boolean) => {
    await api("POST", `/api/auth/logout${everywhere ? "?everywhere=true" : ""}`).catch(() => undefined);
    setMe(null);
    go("#/sites");
  };

  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a href="#/sites" class="brand">
          Feedback
        </a>
        {site ? (
          <nav aria-label="Site">
            <span class="site-name">{site.name}</span>
            {TABS.map(([page, label]) => (
              <a key={page} href={`#/sites/${site.id}/${page}`} aria-current={route.page === page ? "page" : undefined}>
                {label}
              </a>
            ))}
          </nav>
        ) : null}
        <span class="who">
          <span class="email">{me}</span>
          <button type="button" class="link" onClick={() => signOut(false)}>
            Sign out
          </button>
          <button
            type="button"
            class="link"
            onClick={() => signOut(true)}
            title="Ends every session of this account, on every device"
          >
            Sign out everywhere
          </button>
        </span>
      </header>
      <main class="page" id="main" tabIndex={-1}>
        {route.page === "invite" ? (
          <InvitationPage token={route.token} email={me} onJoined={loadSites} />
        ) : route.page === "sites" ? (
          <SitesPage sites={sites} onCreated={loadSites} />
        ) : sites === null ? (
          <p class="loading">Loading…</p>
        ) : !site ? (
          <div class="card">
            <h1>Site not found</h1>
            <p>This site does not exist or belongs to another account.</p>
            <a href="#/sites">Back to your sites</a>
          </div>
        ) : route.page === "settings" ? (
          <SettingsPage key={site.id} site={site} onSaved={loadSites} />
        ) : siteSurveys.error ? (
          <ErrorBox error={siteSurveys.error} />
        ) : siteSurveys.surveys === null ? (
          <p class="loading">Loading…</p>
        ) : route.page === "results" ? (
          <ResultsPage key={site.id} site={site} surveys={siteSurveys.surveys} />
        ) : route.page === "queue" ? (
          <QueuePage key={site.id} site={site} surveys={siteSurveys.surveys} />
        ) : (
          <SurveysPage key={site.id} site={site} surveys={siteSurveys.surveys} reload={siteSurveys.reload} />
        )}
      </main>
    </>
  );
}
