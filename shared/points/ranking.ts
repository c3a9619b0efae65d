import type { PackBody } from './pack.schema';

/**
 * Ranking a round (排名): by the pack's ranking score, then its tie-breaks in order; applicants equal on all of
 * them share a rank (并列排名, ranks 1, 2, 2, 4). The quota cut admits places from the top; a tie group that
 * straddles the cut is admitted in full or not at all, as the round says.
 */

export type RankEntry = {
  id: string;
  rankingScore: number;
  /** In the pack's tie-break order; null where the tie-break is the application time. */
  tieBreakValues: readonly (number | null)[];
  /** ISO timestamp of submission, compared by `submitted_at` tie-breaks (earlier first). */
  submittedAt: string;
};

export type RankedEntry = { id: string; position: number; rank: number; tieSize: number; admitted: boolean };

export type RankResult = {
  ranked: RankedEntry[];
  admitted: number;
  /** The rank of the last admitted applicant, or null when no-one is admitted. */
  cutRank: number | null;
  /** The size of the tie group at the cut when it straddled the quota, else 0. */
  straddling: number;
};

export function compareEntries(pack: Pick<PackBody, 'ranking'>, a: RankEntry, b: RankEntry): number {
  if (a.rankingScore !== b.rankingScore) return b.rankingScore - a.rankingScore;
  const ties = pack.ranking.tieBreaks;
  for (let i = 0; i < ties.length; i++) {
    if (ties[i]!.type === 'submitted_at') {
      if (a.submittedAt !== b.submittedAt) return a.submittedAt < b.submittedAt ? -1 : 1;
      continue;
    }
    const x = a.tieBreakValues[i] ?? 0;
    const y = b.tieBreakValues[i] ?? 0;
    if (x !== y) return y - x;
  }
  return 0;
}

export function rankEntries(
  pack: Pick<PackBody, 'ranking'>,
  entries: readonly RankEntry[],
  options: { quota: number | null; tieAtCut: 'admit_all' | 'admit_none' },
): RankResult {
  const order = entries.map((_, i) => i);
  // Stable order among joint ranks: by id, so the list is the same on every run.
  order.sort((i, j) => compareEntries(pack, entries[i]!, entries[j]!) || (entries[i]!.id < entries[j]!.id ? -1 : entries[i]!.id > entries[j]!.id ? 1 : 0));
  const ranked: RankedEntry[] = new Array(order.length);
  let groupStart = 0;
  for (let p = 0; p < order.length; p++) {
    if (p > 0 && compareEntries(pack, entries[order[p - 1]!]!, entries[order[p]!]!) !== 0) {
      for (let k = groupStart; k < p; k++) ranked[k]!.tieSize = p - groupStart;
      groupStart = p;
    }
    ranked[p] = { id: entries[order[p]!]!.id, position: p + 1, rank: groupStart + 1, tieSize: 0, admitted: false };
  }
  for (let k = groupStart; k < order.length; k++) ranked[k]!.tieSize = order.length - groupStart;

  const quota = options.quota ?? order.length;
  let admitted = 0;
  let straddling = 0;
  for (const entry of ranked) {
    const groupEnd = entry.rank - 1 + entry.tieSize;
    const inside = groupEnd <= quota;
    const straddles = entry.rank <= quota && groupEnd > quota;
    if (straddles) straddling = entry.tieSize;
    entry.admitted = inside || (straddles && options.tieAtCut === 'admit_all');
    if (entry.admitted) admitted++;
  }
  const last = [...ranked].reverse().find((e) => e.admitted);
  return { ranked, admitted, cutRank: last ? last.rank : null, straddling };
}
