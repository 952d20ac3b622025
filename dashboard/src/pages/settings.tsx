/**
 * Site settings, by role: every member sees the snippet, the consent records and a customer's data; owners
 * also edit the site, manage its team, API tokens and webhooks, and may delete it. The server decides;
 * this only leaves out what the role cannot do.
 */
import { roleAllows } from "../../../shared/constants";
import type { Site } from "../../../shared/types";
import { Alerts } from "../settings/alerts";
import { DataRequests } from "../settings/data-requests";
import { DeleteSite } from "../settings/delete-site";
import { ConsentRecords, SiteForm } from "../settings/site-form";
import { Snippet } from "../settings/snippet";
import { Team } from "../settings/team";
import { Tokens } from "../settings/tokens";

export function SettingsPage({ site, onSaved }: { site: Site; onSaved(): Promise<unknown> }) {
  const owner = roleAllows(site.role, "owner");
  return (
    <>
      <h1>Settings</h1>
      {owner ? null : (
        <p class="muted" data-testid="role-note">
          You are a {site.role} of this site: its owners manage its settings, team, tokens and webhooks.
        </p>
      )}
      <Snippet site={site} />
      {owner ? <SiteForm site={site} onSaved={onSaved} /> : null}
      <ConsentRecords site={site} />
      <DataRequests site={site} />
      {owner ? (
        <>
          <Team site={site} />
          <Tokens site={site} />
          <Alerts site={site} />
          <DeleteSite site={site} onDeleted={onSaved} />
        </>
      ) : null}
    </>
  );
}
