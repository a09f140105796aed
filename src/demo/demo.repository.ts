import { IsNull } from 'typeorm';
import type { DataSource, DeepPartial, EntityManager } from 'typeorm';
import { CommitmentVerdict } from '../commitments/commitment-verdict.entity';
import { Commitment } from '../commitments/commitment.entity';
import { Notice } from '../documentation/notice.entity';
import { Hearing } from '../hearings/hearing.entity';
import { Protocol } from '../hearings/protocol.entity';
import { ModerationDecision } from '../moderation/moderation-decision.entity';
import { RemarkAppeal } from '../moderation/remark-appeal.entity';
import { RemarkReport } from '../moderation/remark-report.entity';
import { Outcome } from '../outcomes/outcome.entity';
import { Plan } from '../plans/plan.entity';
import { AnswerVerdict } from '../remarks/answer-verdict.entity';
import { Answer } from '../remarks/answer.entity';
import { Remark } from '../remarks/remark.entity';
import { CouncilFormalFinding } from '../reviews/council-formal-finding.entity';
import { FormalAnswerVote } from '../reviews/formal-answer-vote.entity';
import { Recommendation } from '../reviews/recommendation.entity';
import { RecommendationResponse } from '../reviews/recommendation-response.entity';
import { ReviewConclusion } from '../reviews/review-conclusion.entity';
import { ReviewPosition } from '../reviews/review-position.entity';

/**
 * The rows of the demo plans, written directly with past times (the services stamp "now" and
 * cannot create past events). Only the demo seeding uses it; the stages keep their own repositories.
 */
export class DemoRepository {
  planCount(db: DataSource | EntityManager): Promise<number> {
    return db.getRepository(Plan).count();
  }

  insertPlan(em: EntityManager, row: DeepPartial<Plan>): Promise<Plan> {
    return em.getRepository(Plan).save(row);
  }

  async updatePlan(em: EntityManager, id: string, changes: Partial<Plan>): Promise<void> {
    await em.getRepository(Plan).update(id, changes);
  }

  insertReport(em: EntityManager, row: DeepPartial<RemarkReport>): Promise<RemarkReport> {
    return em.getRepository(RemarkReport).save(row);
  }

  insertDecision(em: EntityManager, row: DeepPartial<ModerationDecision>): Promise<ModerationDecision> {
    return em.getRepository(ModerationDecision).save(row);
  }

  insertAppeal(em: EntityManager, row: DeepPartial<RemarkAppeal>): Promise<RemarkAppeal> {
    return em.getRepository(RemarkAppeal).save(row);
  }

  async updateRemark(em: EntityManager, id: string, changes: DeepPartial<Remark>): Promise<void> {
    await em.getRepository(Remark).update(id, changes);
  }

  async closeReports(em: EntityManager, remarkId: string, decisionId: string): Promise<void> {
    await em.getRepository(RemarkReport).update({ remarkId, decisionId: IsNull() }, { decisionId });
  }

  insertRemark(em: EntityManager, row: DeepPartial<Remark>): Promise<Remark> {
    return em.getRepository(Remark).save(row);
  }

  insertAnswer(em: EntityManager, row: DeepPartial<Answer>): Promise<Answer> {
    return em.getRepository(Answer).save(row);
  }

  async insertAnswerVerdict(em: EntityManager, row: DeepPartial<AnswerVerdict>): Promise<void> {
    await em.getRepository(AnswerVerdict).save(row);
  }

  async markRemarkAnswered(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.getRepository(Remark).update(id, { answeredAt: at });
  }

  async insertHearing(em: EntityManager, row: DeepPartial<Hearing>): Promise<void> {
    await em.getRepository(Hearing).save(row);
  }

  async insertProtocol(em: EntityManager, row: DeepPartial<Protocol>): Promise<void> {
    await em.getRepository(Protocol).save(row);
  }

  insertPosition(em: EntityManager, row: DeepPartial<ReviewPosition>): Promise<ReviewPosition> {
    return em.getRepository(ReviewPosition).save(row);
  }

  insertRecommendation(em: EntityManager, row: DeepPartial<Recommendation>): Promise<Recommendation> {
    return em.getRepository(Recommendation).save(row);
  }

  async insertFormalAnswerVote(em: EntityManager, row: DeepPartial<FormalAnswerVote>): Promise<void> {
    await em.getRepository(FormalAnswerVote).save(row);
  }

  insertConclusion(em: EntityManager, row: DeepPartial<ReviewConclusion>): Promise<ReviewConclusion> {
    return em.getRepository(ReviewConclusion).save(row);
  }

  async insertFinding(em: EntityManager, row: DeepPartial<CouncilFormalFinding>): Promise<void> {
    await em.getRepository(CouncilFormalFinding).save(row);
  }

  async insertResponse(em: EntityManager, row: DeepPartial<RecommendationResponse>): Promise<void> {
    await em.getRepository(RecommendationResponse).save(row);
  }

  async markRecommendationResponded(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.getRepository(Recommendation).update(id, { respondedAt: at });
  }

  async insertNotice(em: EntityManager, row: DeepPartial<Notice>): Promise<void> {
    await em.getRepository(Notice).save(row);
  }

  insertCommitment(em: EntityManager, row: DeepPartial<Commitment>): Promise<Commitment> {
    return em.getRepository(Commitment).save(row);
  }

  async insertCommitmentVerdict(em: EntityManager, row: DeepPartial<CommitmentVerdict>): Promise<void> {
    await em.getRepository(CommitmentVerdict).save(row);
  }

  async insertOutcome(em: EntityManager, row: DeepPartial<Outcome>): Promise<void> {
    await em.getRepository(Outcome).save(row);
  }
}
