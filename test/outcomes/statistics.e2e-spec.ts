import { Recommendation } from '../../src/reviews/recommendation.entity';
import { RecommendationResponse } from '../../src/reviews/recommendation-response.entity';
import { ReviewPosition } from '../../src/reviews/review-position.entity';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark, createWorld } from '../reviews/fixtures';

const at = (local: string) => new Date(`${local}+05:00`);

describe('statistics', () => {
  let t: TestApp;
  let w: World;
  let w2: World;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T10:00:00+05:00' });
    w = await createWorld(t, 1);
    w2 = await createWorld(t, 0);
    const citizen = await createUser(t, 'citizen');

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
      text: 'ok',
      createdAt: at('2027-02-05T10:00:00'),
    });
    const recs = await t.db.getRepository(Recommendation).save(
      ['a', 'b', 'c'].map((text, i) => ({
        planId: held.id,
        positionId: position.id,
        text,
        createdAt: new Date(at('2027-02-05T10:00:00').getTime() + i),
        responseDueAt: at('2027-03-05T23:59:59.999'),
        respondedAt: i < 2 ? at('2027-02-10T10:00:00') : null,
      })),
    );
    const response = (recommendationId: string, version: number, accepted: boolean) => ({
      recommendationId,
      version,
      accepted,
      text: 'r',
      authorId: w.organizer.user.id,
      publishedAt: at('2027-02-10T10:00:00'),
      late: false,
      correctionReason: version > 1 ? 'changed' : null,
    });
    await t.db
      .getRepository(RecommendationResponse)
      .save([response(recs[0].id, 1, true), response(recs[1].id, 1, true), response(recs[1].id, 2, false)]);

    // Organizer 2: one unanswered remark, hearing not yet due.
    const other = await createPlan(t, w2, { hearingDeadlineDate: '2027-04-01' });
    await createRemark(t, other.id, citizen.user.id, { body: 'elsewhere' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('one organizer', async () => {
    const res = await t.http.get(`/api/v1/statistics/organizations/${w.organization.id}`).expect(200);
    expect(res.body).toEqual({
      remarks: { received: 4, answered: 3, answeredOnTime: 2, answeredShare: 0.75, answeredOnTimeShare: 0.5, medianAnswerHours: 20 },
      hearings: { heldOnTime: 1, due: 2, heldOnTimeShare: 0.5 },
      recommendations: { total: 3, responded: 2, accepted: 1, acceptedShare: 0.5 },
    });
  });

  it('everyone', async () => {
    const res = await t.http.get('/api/v1/statistics').expect(200);
    expect(res.body).toEqual({
      remarks: { received: 5, answered: 3, answeredOnTime: 2, answeredShare: 0.6, answeredOnTimeShare: 0.4, medianAnswerHours: 20 },
      hearings: { heldOnTime: 1, due: 2, heldOnTimeShare: 0.5 },
      recommendations: { total: 3, responded: 2, accepted: 1, acceptedShare: 0.5 },
    });
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
    expect((await t.http.get('/api/v1/statistics/organizations/00000000-0000-0000-0000-000000000000').expect(404)).body.error.code).toBe(
      'ORGANIZATION_NOT_FOUND',
    );
    await t.http.get('/api/v1/statistics/organizations/nope').expect(404);
  });
});
