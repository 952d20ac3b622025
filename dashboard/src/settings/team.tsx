/**
 * Who has access to a site (owners manage it): members and pending invitations, inviting by email with a
 * role (the link is shown once, to copy and send), changing a role, removing a member or an invitation.
 */
import { useEffect, useState } from "preact/hooks";
import { ROLES, type Role } from "../../../shared/constants";
import type { InvitationCreated, Member, Site } from "../../../shared/types";
import { api } from "../api";
import { ActionForm, ChoiceSelect, ConfirmButton, ErrorBox, ShownOnce, useAction } from "../components/form";
import { ScrollTable } from "../components/table";

const ROLE_WORDS = {
  viewer: "viewer: reads results and responses",
  editor: "editor: also edits surveys and follow-ups",
  owner: "owner: also settings, team, tokens, webhooks, deletion",
} as const satisfies Record<Role, string>;
/** A member's row names the role only (the invitation form above says what each may do). */
const ROLE_CHOICES = Object.fromEntries(ROLES.map((r) => [r, r])) as Record<Role, Role>;

export function Team({ site }: { site: Site }) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [created, setCreated] = useState<InvitationCreated | null>(null);
  const load = useAction(async () => setMembers(await api<Member[]>("GET", `/api/sites/${site.id}/members`)));
  useEffect(() => void load.run(), [site.id]);

  const invite = useAction(async () => {
    setCreated(await api<InvitationCreated>("POST", `/api/sites/${site.id}/members`, { email: email.trim(), role }));
    setEmail("");
    await load.run();
  });
  const change = useAction(async (id: string, next: Role) => {
    await api("PATCH", `/api/sites/${site.id}/members/${id}`, { role: next });
    await load.run();
  });
  const remove = useAction(async (id: string) => {
    await api("DELETE", `/api/sites/${site.id}/members/${id}`);
    await load.run();
  });

  return (
    <section class="card" aria-labelledby="team-h">
      <h2 id="team-h">Team</h2>
      <p class="muted">Who has access to this site. Invitations are links valid for 7 days, used once.</p>
      {created ? (
        <ShownOnce secret={created.invite} copyLabel="Copy link" testId="invite-link">
          Invitation link for {created.email} ({created.role}), to send
        </ShownOnce>
      ) : null}
      {members ? (
        <ScrollTable columns={["Email", "Role", "State", { label: "Actions", srOnly: true }]}>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.email}</td>
              <td>
                <ChoiceSelect
                  label={`Role of ${m.email}`}
                  value={m.role}
                  choices={ROLE_CHOICES}
                  onChange={(role) => void change.run(m.id, role)}
                />
              </td>
              <td>
                {m.pending ? (
                  <span class="badge retrying">invited, until {new Date(m.expiresAt!).toLocaleDateString()}</span>
                ) : (
                  <span class="badge delivered">member</span>
                )}
              </td>
              <td>
                <ConfirmButton
                  label={m.pending ? "Revoke" : "Remove"}
                  confirmLabel={m.pending ? `Revoke the invitation of ${m.email}` : `Remove ${m.email}`}
                  onConfirm={() => void remove.run(m.id)}
                />
              </td>
            </tr>
          ))}
        </ScrollTable>
      ) : (
        <p class="loading">Loading…</p>
      )}
      <ActionForm class="inline" action={invite}>
        <input
          type="email"
          required
          aria-label="Email to invite"
          placeholder="colleague@shop.example"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <ChoiceSelect<Role> label="Role of the invited person" value={role} choices={ROLE_WORDS} onChange={setRole} />
        <button type="submit" class="secondary" disabled={invite.busy}>
          Invite
        </button>
      </ActionForm>
      <ErrorBox error={invite.error ?? change.error ?? remove.error ?? load.error} />
    </section>
  );
}
