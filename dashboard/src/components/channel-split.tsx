/**
 * Responses per channel (popup, on the page, link, QR code, email) with each channel's NPS: where the
 * answers come from, and whether customers asked by email after delivery score differently from those
 * asked on the shop's pages. A table (read by screen readers as one), with a bar per row for the eye.
 */
import "./channel-split.css";
import type { ChannelShare } from "../../../shared/types";
import { fmt } from "../format";
import { CHANNEL_NAMES } from "./filters";
import { ScrollTable } from "./table";

export function ChannelSplit({ channels, onPick }: { channels: ChannelShare[]; onPick(channel: string): void }) {
  return (
    <section class="card wide" aria-labelledby="channels-h">
      <h2 id="channels-h">Responses per channel</h2>
      {channels.length === 0 ? (
        <p class="empty">No response in this period.</p>
      ) : (
        <ScrollTable class="channel-split" testId="channel-split" columns={["Channel", "Responses", "Share", "NPS"]}>
          {channels.map((c) => (
            <tr key={c.channel}>
              <th scope="row">
                <button type="button" class="link" onClick={() => onPick(c.channel)} title="Show only this channel">
                  {CHANNEL_NAMES[c.channel]}
                </button>
              </th>
              <td>{c.responses}</td>
              <td>
                <span class="share-bar" aria-hidden="true">
                  <span style={{ width: `${c.share}%` }} />
                </span>
                {c.share}%
              </td>
              <td>
                {fmt(c.nps.score)} <span class="muted small">({c.nps.count})</span>
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </section>
  );
}
