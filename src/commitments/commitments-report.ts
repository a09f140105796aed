import type { DataSource, EntityManager } from 'typeorm';
import type { CommitmentStatus } from './commitment.entity';
import { CommitmentsRepository } from './commitments.repository';

/** A commitment as the outcome report lists it: its latest version and the author's verdict on it. */
export interface ReportCommitment {
  remarkId: string;
  authorName: string;
  remark: string;
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
      remark: v.remark_body,
      disposition: v.disposition,
      status: v.status,
      document: v.document,
      location: v.location,
      explanation: v.explanation,
      version: v.version,
      publishedAt: new Date(v.published_at).toISOString(),
      authorVerdict: verdict
        ? {
            verdict: verdict.verdict,
            reason: verdict.reason,
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
      remark: c.remark_body,
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
