import { LocalizedText } from '../../src/common/i18n/localized-text';
import { CommitmentVerdict } from '../../src/commitments/commitment-verdict.entity';
import type { CommitmentStatus } from '../../src/commitments/commitment.entity';
import { Commitment } from '../../src/commitments/commitment.entity';
import type { Plan } from '../../src/plans/plan.entity';
import type { Verdict } from '../../src/remarks/answer-verdict.entity';
import { AnswerVerdict } from '../../src/remarks/answer-verdict.entity';
import type { Disposition } from '../../src/remarks/answer.entity';
import { Answer } from '../../src/remarks/answer.entity';
import type { Remark } from '../../src/remarks/remark.entity';
import { OutcomesService } from '../../src/outcomes/outcomes.service';
import { statisticsByOrganization } from '../../src/outcomes/statistics';
import { CouncilFormalFinding } from '../../src/reviews/council-formal-finding.entity';
import { Recommendation } from '../../src/reviews/recommendation.entity';
import { RecommendationResponse } from '../../src/reviews/recommendation-response.entity';
import { ReviewConclusion } from '../../src/reviews/review-conclusion.entity';
import { ReviewPosition } from '../../src/reviews/review-position.entity';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import { captureStatements } from '../support/statements';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark, createWorld } from '../reviews/fixtures';

const at = (local: string) => new Date(`${local}+05:00`);
const HOUR = 3600_000;

/**
 * Answers that count, written through the entities: verdicts on answer versions, the council's
 * findings, commitment versions and the authors' verdicts on them. Every remark is answered after 20 h.
 */
class Facts {
  private tick = 0;
  constructor(
    private readonly t: TestApp,
    private readonly organizerId: string,
  ) {}

  /** A later moment each call, so "most recent" is never a tie. */
  private next(): Date {
    this.tick += 1;
    return new Date(at('2027-02-20T10:00:00').getTime() + this.tick * 60_000);
  }

  answered(plan: Plan, author: CreatedUser, disposition: Disposition = 'explained'): Promise<[Remark, Answer]> {
    return this.answeredRemark(plan.id, author.user.id, disposition);
  }

  private async answeredRemark(
    planId: string,
    authorId: string,
    disposition: Disposition,
    fields: Partial<Remark> = {},
  ): Promise<[Remark, Answer]> {
    const remark = await createRemark(this.t, planId, authorId, {
      body: `remark ${Math.random()}`,
      createdAt: at('2027-01-11T09:00:00'),
      ...fields,
    });
    const answer = await answerRemark(this.t, remark, this.organizerId, {
      body: 'first answer',
      disposition,
      publishedAt: new Date(remark.createdAt.getTime() + 20 * HOUR),
    });
    return [remark, answer];
  }

  correction(remark: Remark, version: number, disposition: Disposition = 'explained'): Promise<Answer> {
    return this.t.db.getRepository(Answer).save({
      remarkId: remark.id,
      version,
      body: LocalizedText.single(`corrected answer ${version}`, 'en')!,
      disposition,
      authorId: this.organizerId,
      publishedAt: this.next(),
      late: false,
      correctionReason: LocalizedText.single('the council found it formal', 'en'),
    });
  }

  /** The remark author's verdict (nobody else may give one: NOT_AUTHOR). */
  async verdict(remark: Remark, answer: Answer, verdict: Verdict): Promise<void> {
    await this.t.db.getRepository(AnswerVerdict).save({
      answerId: answer.id,
      remarkId: remark.id,
      planId: remark.planId,
      authorId: remark.authorId,
      verdict,
      reason: verdict === 'formal' ? 'It repeats the law and says nothing about my remark.' : null,
      createdAt: this.next(),
    });
  }

  async finding(conclusion: ReviewConclusion, remark: Remark): Promise<void> {
    await this.t.db.getRepository(CouncilFormalFinding).save({
      conclusionId: conclusion.id,
      remarkId: remark.id,
      planId: remark.planId,
      votes: 2,
      membersCount: 3,
      answerVersion: 1,
      foundAt: conclusion.closedAt,
    });
  }

  commitment(remark: Remark, answer: Answer, version: number, status: CommitmentStatus): Promise<Commitment> {
    return this.t.db.getRepository(Commitment).save({
      planId: remark.planId,
      remarkId: remark.id,
      version,
      answerId: answer.id,
      disposition: answer.disposition as 'accepted' | 'partially_accepted',
      status,
      document: status === 'implemented' ? 'Technical specification' : null,
      location: status === 'implemented' ? 'section 3.2' : null,
      explanation: status === 'implemented' ? 'Kept in the specification.' : 'The budget does not allow it.',
      authorId: this.organizerId,
      publishedAt: this.next(),
    });
  }

  /** The author's confirmation, or a dispute with its stage-2 remark (answered like any other). */
  async commitmentVerdict(remark: Remark, commitment: Commitment, verdict: 'confirmed' | 'disputed'): Promise<void> {
    let disputeRemarkId: string | null = null;
    if (verdict === 'disputed') {
      const [dispute] = await this.answeredRemark(remark.planId, remark.authorId, 'explained', {
        stage: 2,
        disputesRemarkId: remark.id,
        body: `dispute ${Math.random()}`,
      });
      disputeRemarkId = dispute.id;
    }
    await this.t.db.getRepository(CommitmentVerdict).save({
      commitmentId: commitment.id,
      remarkId: remark.id,
      planId: remark.planId,
      authorId: remark.authorId,
      verdict,
      reason: verdict === 'disputed' ? 'Section 3.2 does not contain it.' : null,
      disputeRemarkId,
      createdAt: this.next(),
    });
  }
}

describe('statistics', () => {
  let t: TestApp;
  let w: World;
  let w2: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    w = await createWorld(t, 1);
    w2 = await createWorld(t, 0);
    const citizen = await createUser(t, 'citizen');
    const citizen2 = await createUser(t, 'citizen');

    // Organizer 1: held on time (protocol, never overdue); overdue (no hearing by 4 Feb); not yet due (deadline in May).
    const held = await createPlan(t, w, { protocolPublishedAt: at('2027-02-03T15:00:00') });
    await createPlan(t, w, { hearingOverdueAt: at('2027-02-05T00:01:00') });
    await createPlan(t, w, { hearingDeadlineDate: '2027-05-01' });
    // A draft is not counted.
    await createPlan(t, w, { publishedAt: null, stage1ClosesAt: null, stage1CloseDate: null, hearingDeadlineDate: '2027-01-01' });

    // Remarks answered after 10 h, 20 h (on time) and 40 h (late); one unanswered.
    for (const [hours, late] of [
      [10, false],
      [20, false],
      [40, true],
      [null, false],
    ] as const) {
      const remark = await createRemark(t, held.id, citizen.user.id, { body: `after ${hours}`, createdAt: at('2027-01-10T12:00:00') });
      if (hours !== null) {
        await answerRemark(t, remark, w.organizer.user.id, {
          body: 'answer',
          disposition: 'explained',
          publishedAt: new Date(remark.createdAt.getTime() + hours * 3600_000),
          late,
        });
      }
    }
    // Recommendations: accepted; accepted then corrected to rejected; unanswered.
    const position = await t.db.getRepository(ReviewPosition).save({
      planId: held.id,
      memberId: w.members[0].user.id,
      position: 'endorse_with_recommendations',
      text: LocalizedText.single('ok', 'en')!,
      createdAt: at('2027-02-05T10:00:00'),
    });
    const recs = await t.db.getRepository(Recommendation).save(
      ['a', 'b', 'c'].map((text, i) => ({
        planId: held.id,
        positionId: position.id,
        text: LocalizedText.single(text, 'en')!,
        createdAt: new Date(at('2027-02-05T10:00:00').getTime() + i),
        responseDueAt: at('2027-03-05T23:59:59.999'),
        respondedAt: i < 2 ? at('2027-02-10T10:00:00') : null,
      })),
    );
    const response = (recommendationId: string, version: number, accepted: boolean) => ({
      recommendationId,
      version,
      accepted,
      text: LocalizedText.single('r', 'en')!,
      authorId: w.organizer.user.id,
      publishedAt: at('2027-02-10T10:00:00'),
      late: false,
      correctionReason: version > 1 ? LocalizedText.single('changed', 'en') : null,
    });
    await t.db
      .getRepository(RecommendationResponse)
      .save([response(recs[0].id, 1, true), response(recs[1].id, 1, true), response(recs[1].id, 2, false)]);

    // Organizer 2: one unanswered remark, hearing not yet due.
    const other = await createPlan(t, w2, { hearingDeadlineDate: '2027-04-01' });
    await createRemark(t, other.id, citizen.user.id, { body: 'elsewhere' });

    // Answers that count (every remark below answered after 20 h, on time).
    const f = new Facts(t, w.organizer.user.id);
    // Called formal, then reasoned on the correction: not counted (the most recent verdict is reasoned).
    const [rA, aA] = await f.answered(held, citizen);
    await f.verdict(rA, aA, 'formal');
    await f.verdict(rA, await f.correction(rA, 2), 'reasoned');
    // Reasoned, then changed to formal on the same version: counted.
    const [rB, aB] = await f.answered(held, citizen);
    await f.verdict(rB, aB, 'reasoned');
    await f.verdict(rB, aB, 'formal');
    // Formal on version 1; a correction without a new verdict leaves it formal: counted (second author).
    const [rC, aC] = await f.answered(held, citizen2);
    await f.verdict(rC, aC, 'formal');
    await f.correction(rC, 2);
    const [rD, aD] = await f.answered(held, citizen2);
    await f.verdict(rD, aD, 'formal');
    // Answered, no verdict: not counted.
    await f.answered(held, citizen);

    // The council found rA and rD formal (rA's correction does not take the finding back).
    const conclusion = await t.db.getRepository(ReviewConclusion).save({
      planId: held.id,
      councilId: w.council.id,
      closedAt: at('2027-02-15T12:00:00'),
      closedBy: 'chair',
      closedByUserId: w.members[0].user.id,
      membersCount: 1,
      positionsCount: 1,
      endorseCount: 0,
      endorseWithRecommendationsCount: 1,
      objectCount: 0,
      result: 'endorsed_with_recommendations',
      quorum: true,
    });
    await f.finding(conclusion, rA);
    await f.finding(conclusion, rD);

    // Commitments: not implemented then implemented, disputed then confirmed -> implemented, confirmed.
    const [rF, aF] = await f.answered(held, citizen, 'accepted');
    await f.commitmentVerdict(rF, await f.commitment(rF, aF, 1, 'not_implemented'), 'disputed');
    await f.commitmentVerdict(rF, await f.commitment(rF, aF, 2, 'implemented'), 'confirmed');
    // Implemented then not implemented, confirmed then disputed -> neither implemented nor confirmed; disputed.
    const [rG, aG] = await f.answered(held, citizen2, 'partially_accepted');
    await f.commitmentVerdict(rG, await f.commitment(rG, aG, 1, 'implemented'), 'confirmed');
    await f.commitmentVerdict(rG, await f.commitment(rG, aG, 2, 'not_implemented'), 'disputed');
    // Not implemented, no verdict yet.
    const [rH, aH] = await f.answered(held, citizen, 'accepted');
    await f.commitment(rH, aH, 1, 'not_implemented');

    // Organizer 2: the first author calls an answer formal; one implemented commitment, confirmed.
    const f2 = new Facts(t, w2.organizer.user.id);
    const [rX, aX] = await f2.answered(other, citizen);
    await f2.verdict(rX, aX, 'formal');
    const [rY, aY] = await f2.answered(other, citizen2, 'accepted');
    await f2.commitmentVerdict(rY, await f2.commitment(rY, aY, 1, 'implemented'), 'confirmed');
  });
  afterAll(async () => {
    await t.close();
  });

  // Organizer 1: the 4 remarks above, 8 answered ones (rA-rH) and 2 answered disputes; organizer 2: 1 + 2 answered.
  it('one organizer', async () => {
    const res = await t.http.get(`/api/v1/statistics/organizations/${w.organization.id}`).expect(200);
    expect(res.body).toEqual({
      remarks: {
        received: 14,
        answered: 13,
        answeredOnTime: 12,
        answeredShare: 0.9286,
        answeredOnTimeShare: 0.8571,
        medianAnswerHours: 20,
      },
      hearings: { heldOnTime: 1, due: 2, heldOnTimeShare: 0.5 },
      recommendations: { total: 3, responded: 2, accepted: 1, acceptedShare: 0.5 },
      answersFormalByAuthors: 3, // rB, rC, rD
      answersFormalByAuthorsDistinctAuthors: 2,
      answersFormalByCouncil: 2,
      commitments: 3,
      commitmentsImplemented: 1,
      commitmentsConfirmed: 1,
      commitmentsDisputed: 1,
    });
    const res2 = await t.http.get(`/api/v1/statistics/organizations/${w2.organization.id}`).expect(200);
    expect(res2.body).toMatchObject({
      remarks: { received: 3, answered: 2 },
      answersFormalByAuthors: 1,
      answersFormalByAuthorsDistinctAuthors: 1,
      answersFormalByCouncil: 0,
      commitments: 1,
      commitmentsImplemented: 1,
      commitmentsConfirmed: 1,
      commitmentsDisputed: 0,
    });
  });

  it('everyone: distinct authors are counted over all organizers, not summed', async () => {
    const res = await t.http.get('/api/v1/statistics').expect(200);
    expect(res.body).toEqual({
      remarks: {
        received: 17,
        answered: 15,
        answeredOnTime: 14,
        answeredShare: 0.8824,
        answeredOnTimeShare: 0.8235,
        medianAnswerHours: 20,
      },
      hearings: { heldOnTime: 1, due: 2, heldOnTimeShare: 0.5 },
      recommendations: { total: 3, responded: 2, accepted: 1, acceptedShare: 0.5 },
      answersFormalByAuthors: 4,
      // the first citizen called answers of both organizers formal: 2 authors, not 2 + 1
      answersFormalByAuthorsDistinctAuthors: 2,
      answersFormalByCouncil: 2,
      commitments: 4,
      commitmentsImplemented: 2,
      commitmentsConfirmed: 2,
      commitmentsDisputed: 1,
    });
  });

  it('the page and the API count the same, per organizer', async () => {
    const byOrg = await statisticsByOrganization(t.db.manager, t.clock.now());
    const api = async (id: string) => (await t.http.get(`/api/v1/statistics/organizations/${id}`).expect(200)).body;
    expect(byOrg.total).toEqual((await t.http.get('/api/v1/statistics').expect(200)).body);
    for (const o of byOrg.organizations) {
      const { organizationId, organizationName, ...figures } = o;
      expect(organizationName).toBeTruthy();
      expect(figures).toEqual(await api(organizationId));
    }
  });

  it('reads every figure in one statement, overall, per organizer and for the page', async () => {
    const outcomes = t.app.get(OutcomesService);
    const aggregates = async (call: () => Promise<unknown>) => {
      const statements = await captureStatements(t.db, call);
      expect(statements.length).toBeLessThanOrEqual(2); // at most the organizer's existence besides
      return statements.filter(([sql]) => sql.includes('GROUPING SETS'));
    };
    expect(await aggregates(() => outcomes.statistics(null))).toHaveLength(1);
    expect(await aggregates(() => outcomes.statistics(w.organization.id))).toHaveLength(1);
    expect(await aggregates(() => statisticsByOrganization(t.db.manager, t.clock.now()))).toHaveLength(1);
  });

  it('an organizer with nothing yet, and an unknown one', async () => {
    const empty = await createWorld(t, 0);
    const res = await t.http.get(`/api/v1/statistics/organizations/${empty.organization.id}`).expect(200);
    expect(res.body.remarks).toEqual({
      received: 0,
      answered: 0,
      answeredOnTime: 0,
      answeredShare: null,
      answeredOnTimeShare: null,
      medianAnswerHours: null,
    });
    expect(res.body).toMatchObject({
      answersFormalByAuthors: 0,
      answersFormalByAuthorsDistinctAuthors: 0,
      answersFormalByCouncil: 0,
      commitments: 0,
      commitmentsImplemented: 0,
      commitmentsConfirmed: 0,
      commitmentsDisputed: 0,
    });
    expect((await t.http.get('/api/v1/statistics/organizations/00000000-0000-0000-0000-000000000000').expect(404)).body.error.code).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    await t.http.get('/api/v1/statistics/organizations/nope').expect(404);
  });
});
