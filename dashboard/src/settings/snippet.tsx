/** The snippet to paste, plain and pinned with Subresource Integrity (from the widget's manifest). */
import { useEffect, useState } from "preact/hooks";
import type { Site } from "../../../shared/types";
import { CopyButton } from "../components/form";

interface Manifest {
  files: Record<string, { hashed: string; integrity: string }>;
}

export function Snippet({ site }: { site: Site }) {
  const [manifest, setManifest] = useState<Manifest | null>(null);
  useEffect(() => {
    fetch("/widget-manifest.json", { credentials: "same-origin" })
      .then((r) => (r.ok ? (r.json() as Promise<Manifest>) : null))
      .then(
        (m) => setManifest(m?.files?.["widget.js"] ? m : null),
        () => setManifest(null),
      );
  }, []);
  const origin = location.origin;
  const snippet = `<script src="${origin}/widget.js" data-site="${site.key}" async></script>`;
  const loader = manifest?.files["widget.js"];
  const pinned = loader
    ? `<script src="${origin}/${loader.hashed.replace(/^\//, "")}" integrity="${loader.integrity}" ` +
      `crossorigin="anonymous" data-site="${site.key}" async></script>`
    : null;
  return (
    <section class="card" aria-labelledby="install-h">
      <h2 id="install-h">Install the widget</h2>
      <p>
        Paste this before <code>&lt;/body&gt;</code> on every page of your shop. Add{" "}
        <code>data-context-product-id="…"</code> (or any <code>data-context-*</code>) to get satisfaction per product.
      </p>
      <pre class="snippet" data-testid="snippet">
        {snippet}
      </pre>
      <CopyButton text={snippet} label="Copy snippet" />
      {pinned ? (
        <>
          <p>
            Pinned version with Subresource Integrity: the browser refuses the file if it ever changes. Update it
            yourself when we publish a new widget.
          </p>
          <pre class="snippet" data-testid="snippet-sri">
            {pinned}
          </pre>
          <CopyButton text={pinned} label="Copy pinned snippet" />
        </>
      ) : null}
    </section>
  );
}
