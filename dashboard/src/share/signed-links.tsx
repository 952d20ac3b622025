/**
 * Signed links of a survey: one made here for a customer (the shop's back end makes them the same way,
 * through the API or with the site's secret), and the secret's rotation, shown once.
 */
import { useState } from "preact/hooks";
import { MAX_SECRET_GRACE_DAYS } from "../../../shared/constants";
import type { Site, Survey } from "../../../shared/types";
import { api } from "../api";
import { ActionForm, CopyButton, ErrorBox, Field, useAction } from "../components/form";

export function SignedLinks({ site, survey }: { site: Site; survey: Survey }) {
  const key = survey.links?.onePer ?? "orderId";
  const [value, setValue] = useState("");
  const [days, setDays] = useState(30);
  const [minted, setMinted] = useState<{ url: string; expiresAt: string } | null>(null);
  const [keep, setKeep] = useState(7);
  const [secret, setSecret] = useState<{ secret: string; previousValidUntil: string | null } | null>(null);
  const mint = useAction(async () => {
    const body = { context: value.trim() ? { [key]: value.trim() } : {}, expiresInDays: days };
    setMinted(await api("POST", `/api/sites/${site.id}/surveys/${survey.id}/links`, body));
  });
  const rotate = useAction(async () => {
    setSecret(await api("POST", `/api/sites/${site.id}/link-secret`, { keepOldForDays: keep }));
  });
  return (
    <>
      <ActionForm class="row start" action={mint}>
        <Field label={key}>
          <input class="short" value={value} placeholder="A-1042" onInput={(e) => setValue(e.currentTarget.value)} />
        </Field>
        <Field label="Valid for (days)">
          <input
            class="short"
            type="number"
            min={1}
            max={366}
            value={days}
            onInput={(e) => setDays(Number(e.currentTarget.value))}
          />
        </Field>
        <button type="submit" disabled={mint.busy}>
          Make a link
        </button>
      </ActionForm>
      <ErrorBox error={mint.error} />
      {minted ? (
        <p class="row start" data-testid="minted-link">
          <code class="link-url">{minted.url}</code>
          <CopyButton text={minted.url} label="Copy link" />
          <span class="muted small">valid until {minted.expiresAt.slice(0, 10)}</span>
        </p>
      ) : null}
      <details>
        <summary>The site's signing secret (for your back end)</summary>
        <p class="muted small">
          A new secret is shown once. Links signed with the old one keep working for the days you choose (0 after a
          leak: they stop at once).
        </p>
        <div class="row start">
          <Field label="Keep the old secret for (days)">
            <input
              class="short"
              type="number"
              min={0}
              max={MAX_SECRET_GRACE_DAYS}
              value={keep}
              onInput={(e) => setKeep(Number(e.currentTarget.value))}
            />
          </Field>
          <button type="button" class="secondary" disabled={rotate.busy} onClick={() => void rotate.run()}>
            Make a new secret
          </button>
        </div>
        <ErrorBox error={rotate.error} />
        {secret ? (
          <p class="row start" data-testid="link-secret">
            <code>{secret.secret}</code>
            <CopyButton text={secret.secret} label="Copy secret" />
          </p>
        ) : null}
      </details>
    </>
  );
}
