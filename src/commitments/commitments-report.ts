import type { DataSource, EntityManager } from 'typeorm';
import type { CommitmentStatus } from './commitment.entity';
import type { CandidateRow, VersionRow } from './commitments.repository';
import { CommitmentsRepository } from './commitments.repository';
import type { HiddenState } from '../remarks/remark-moderation';
import { PUBLIC_READER, publicTextFor, remarkTextFor } from '../remarks/remark-moderation';

/** A commitment as the outcome report lists it: its latest version and the author's verdict on it. */
export interface ReportCommitment {
  remarkId: string;
  authorName: string;
  /** The remark as the public reads it: masked, null while hidden (`hidden` says when and why). */
  remark: string | null;
  hidden: HiddenState | null;
  disposition: 'accepted' | 'partially_accepted';
  /** 'pending': a later accepted answer the organizer has not accounted for. */
  status: CommitmentStatus | 'pending';
  document: string | null;
  location: string | null;
  explanation: string | null;
  version: number | null;
  publishedAt: string | null;
  authorVerdict: { verdict: 'confirmed' | 'disputed'; reason: string | null; at: string; disputeRemarkId: string | null } | null;
}

/** A commitment's remark in the public report: masked, withheld while hidden. */
function publicRemark(r: CandidateRow | VersionRow): Pick<ReportCommitment, 'remark' | 'hidden'> {
  const text = remarkTextFor(
    { authorId: r.author_id, body: r.remark_body, hiddenAt: r.hidden_at, hiddenReason: r.hidden_reason },
    PUBLIC_READER,
  );
  return { remark: text.body, hidden: text.hidden };
}

/** The report reads through the same statements as the feature; the repository holds no state. */
const commitments = new CommitmentsRepository();

/** Every commitment of the plan once the notice is out (latest version, verdict, or pending), oldest remark first. */
export async function reportCommitments(db: DataSource | EntityManager, planId: string): Promise<ReportCommitment[]> {
  const [candidates, versions, verdicts] = await Promise.all([
    commitments.candidates(db, planId),
    commitments.versions(db, planId),
    commitments.verdicts(db, planId),
  ]);
  const latestVersion = new Map(versions.map((v) => [v.remark_id, v]));
  const latestVerdict = new Map(verdicts.map((v) => [v.commitment_id, v]));
  const firstDispute = new Map<string, string>();
  for (const v of verdicts)
    if (v.dispute_remark_id && !firstDispute.has(v.commitment_id)) firstDispute.set(v.commitment_id, v.dispute_remark_id);
  const out: ReportCommitment[] = [...latestVersion.values()].map((v) => {
    const verdict = latestVerdict.get(v.id);
    return {
      remarkId: v.remark_id,
      authorName: v.author_name,
      ...publicRemark(v),
      disposition: v.disposition,
      status: v.status,
      document: v.document,
      location: v.location,
      explanation: publicTextFor(v.explanation, v.author_id, PUBLIC_READER),
      version: v.version,
      publishedAt: new Date(v.published_at).toISOString(),
      authorVerdict: verdict
        ? {
            verdict: verdict.verdict,
            reason: verdict.reason === null ? null : publicTextFor(verdict.reason, v.author_id, PUBLIC_READER),
            at: new Date(verdict.created_at).toISOString(),
            disputeRemarkId: verdict.verdict === 'disputed' ? (firstDispute.get(v.id) ?? null) : null,
          }
        : null,
    };
  });
  if (versions.length === 0 && !(await commitments.planTimes(db, planId))?.notice_published_at) return [];
  for (const c of candidates) {
    if (latestVersion.has(c.remark_id)) continue;
    out.push({
      remarkId: c.remark_id,
      authorName: c.author_name,
      ...publicRemark(c),
      disposition: c.disposition,
      status: 'pending',
      document: null,
      location: null,
      explanation: null,
      version: null,
      publishedAt: null,
      authorVerdict: null,
    });
  }
  return out;
}
