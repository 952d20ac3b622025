/** API tokens of a site (owners): made with a scope, shown once, listed, revoked with what they minted. */
import { useEffect, useState } from "preact/hooks";
import type { TokenScope } from "../../../shared/constants";
import type { ApiToken, ApiTokenCreated, Site } from "../../../shared/types";
import { api } from "../api";
import { ActionForm, ChoiceSelect, ConfirmButton, ErrorBox, ShownOnce, useAction } from "../components/form";
import { ScrollTable } from "../components/table";
import { when } from "../format";

const SCOPE_WORDS = {
  read: "read: results, responses, exports",
  write: "write: also surveys and follow-ups",
  admin: "admin: also settings, team, tokens, webhooks",
} as const satisfies Record<TokenScope, string>;

export function Tokens({ site }: { site: Site }) {
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<TokenScope>("read");
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const load = useAction(async () => setTokens(await api<ApiToken[]>("GET", `/api/sites/${site.id}/tokens`)));
  useEffect(() => void load.run(), [site.id]);

  const create = useAction(async () => {
    const t = await api<ApiTokenCreated>("POST", `/api/sites/${site.id}/tokens`, { name: name.trim(), scope });
    setCreated({ name: t.name ?? name, token: t.token });
    setName("");
    await load.run();
  });
  const revoke = useAction(async (id: string) => {
    await api("DELETE", `/api/sites/${site.id}/tokens/${id}`);
    await load.run();
  });

  return (
    <section class="card" aria-labelledby="tokens-h">
      <h2 id="tokens-h">API tokens</h2>
      <p class="muted">
        For scripts and reports: send <code>Authorization: Bearer TOKEN</code> to the owner API of this site only (see
        the API reference). A token can do no more than its scope allows.
      </p>
      {created ? (
        <ShownOnce secret={created.token} copyLabel="Copy token" testId="new-token">
          Token “{created.name}”
        </ShownOnce>
      ) : null}
      {tokens === null ? (
        <p class="loading">Loading…</p>
      ) : tokens.length === 0 ? (
        <p class="empty">No token yet.</p>
      ) : (
        <ScrollTable columns={["Name", "Scope", "Created", "Last used", "State", { label: "Actions", srOnly: true }]}>
          {tokens.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>{t.scope}</td>
              <td>{when(t.createdAt)}</td>
              <td>{when(t.lastUsedAt)}</td>
              <td>
                {t.revokedAt ? (
                  <span class="badge dead">revoked {new Date(t.revokedAt).toLocaleDateString()}</span>
                ) : (
                  <span class="badge delivered">active</span>
                )}
              </td>
              <td>
                {t.revokedAt ? null : (
                  <ConfirmButton
                    label="Revoke"
                    confirmLabel={`Revoke “${t.name}”`}
                    onConfirm={async () => void (await revoke.run(t.id))}
                  />
                )}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <ActionForm class="inline" action={create}>
        <input
          required
          maxLength={100}
          aria-label="New token name"
          placeholder="Token name, e.g. weekly report"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
        <ChoiceSelect<TokenScope>
          label="Scope of the new token"
          value={scope}
          choices={SCOPE_WORDS}
          onChange={setScope}
        />
        <button type="submit" class="secondary" disabled={create.busy}>
          Create token
        </button>
      </ActionForm>
      <ErrorBox error={load.error ?? create.error ?? revoke.error} />
    </section>
  );
}
