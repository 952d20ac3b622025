/** An invitation link opened while signed in: accept it with this account (it must have the invited email). */
import { api } from "../api";
import { ErrorBox, useAction } from "../components/form";
import { go } from "../route";

export function InvitationPage({
  token,
  email,
  onJoined,
}: {
  token: string;
  email: string;
  onJoined(): Promise<unknown>;
}) {
  const accept = useAction(async () => {
    const joined = await api<{ site: string; role: string }>("POST", `/api/invitations/${token}/accept`);
    await onJoined();
    go(`#/sites/${joined.site}/results`);
  });
  return (
    <section class="card narrow" aria-labelledby="invitation-h">
      <h1 id="invitation-h">Invitation</h1>
      <p>
        You were invited to a site. Accept it as <strong>{email}</strong>: the invitation must have been sent to this
        email.
      </p>
      <ErrorBox error={accept.error} />
      <div class="row start">
        <button type="button" disabled={accept.busy} onClick={() => void accept.run()}>
          Accept invitation
        </button>
        <a href="#/sites">Not now</a>
      </div>
    </section>
  );
}
