/**
 * Results by channel: how many responses came from the popup, the inline embed, links, QR codes and
 * emails, and each channel's NPS (answers given in an email after a purchase often differ from those
 * given on the shop's pages). From the daily counts, like the rest of the unfiltered summary.
 */
import { CHANNELS, type Channel } from "../../../shared/constants";
import { npsFromDistribution } from "../../../shared/scoring";
import { round } from "../../../shared/stats";
import type { ChannelShare } from "../../../shared/types";
import type { ChannelCounts } from "../db/aggregates";

export function channelShares(counts: ChannelCounts[]): ChannelShare[] {
  const total = counts.reduce((n, c) => n + c.count, 0);
  return counts
    .filter((c): c is ChannelCounts & { channel: Channel } => (CHANNELS as readonly string[]).includes(c.channel))
    .filter((c) => c.count > 0 || c.h.some((n) => n > 0))
    .map((c) => {
      const nps = npsFromDistribution(c.h);
      return {
        channel: c.channel,
        responses: c.count,
        completed: c.completed,
        share: total > 0 ? round((100 * c.count) / total, 1) : 0,
        nps: { score: nps.score, count: nps.count },
      };
    })
    .sort((a, b) => b.responses - a.responses || CHANNELS.indexOf(a.channel) - CHANNELS.indexOf(b.channel));
}
