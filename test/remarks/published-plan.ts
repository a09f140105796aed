import { LocalizedText } from '../../src/common/i18n/localized-text';
import { Plan } from '../../src/plans/plan.entity';
import type { TestApp } from '../support/test-app';

/** Stage 1 of a plan published on 1 March 2027 at 10:00 in Almaty closes at the end of 25 March (see test/plans). */
export const STAGE1_CLOSES_AT = '2027-03-25T18:59:59.999Z';

/**
 * A plan published on 1 March 2027 (stage 1 open until STAGE1_CLOSES_AT), titled and described in Kazakh
 * and Russian as publication requires; written directly, so that these tests do not depend on the plans API.
 */
export async function publishedPlan(t: TestApp, organizationId: string, createdBy: string, fields: Partial<Plan> = {}): Promise<Plan> {
  return t.db.getRepository(Plan).save({
    organizationId,
    createdBy,
    title: LocalizedText.of({ kk: 'Мектепті жөндеу', ru: 'Ремонт школы' })!,
    description: LocalizedText.of({ kk: 'Күрделі жөндеу', ru: 'Капитальный ремонт' })!,
    subjectCode: '452112',
    amount: 1000,
    method: 'auction',
    plannedQuarter: null,
    deliveryPlace: null,
    publishedAt: new Date('2027-03-01T10:00:00+05:00'),
    stage1ClosesAt: new Date(STAGE1_CLOSES_AT),
    stage1CloseDate: '2027-03-25',
    hearingDeadlineDate: '2027-04-05',
    ...fields,
  });
}
