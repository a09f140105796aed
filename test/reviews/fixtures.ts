import { LocalizedText } from '../../src/common/i18n/localized-text';
import { createHash } from 'node:crypto';
import { TokenService } from '../../src/identity/auth/token.service';
import { Protocol } from '../../src/hearings/protocol.entity';
import { Plan } from '../../src/plans/plan.entity';
import type { Disposition } from '../../src/remarks/answer.entity';
import { Answer } from '../../src/remarks/answer.entity';
import { Remark } from '../../src/remarks/remark.entity';
import type { Organization } from '../../src/organizations/organization.entity';
import type { Council } from '../../src/organizations/council.entity';
import type { CreatedUser } from '../support/factories';
import { createCouncil, createOrganization, createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';

/** A council with members (the first is the chair), an organization it oversees, and its organizer. */
export interface World {
  council: Council;
  organization: Organization;
  organizer: CreatedUser;
  chair: CreatedUser;
  members: CreatedUser[];
}

export async function createWorld(t: TestApp, membersCount = 3): Promise<World> {
  const council = await createCouncil(t.db);
  const organization = await createOrganization(t.db, council);
  const organizer = await createUser(t, 'organizer', { organizationId: organization.id });
  const members: CreatedUser[] = [];
  for (let i = 0; i < membersCount; i++) {
    members.push(await createUser(t, 'council_member', { councilId: council.id, isChair: i === 0, displayName: `Member ${i + 1}` }));
  }
  return { council, organization, organizer, chair: members[0], members };
}

/** A published plan whose stage 1 closed and whose hearing protocol is (optionally) published. */
export async function createPlan(t: TestApp, w: World, fields: Partial<Plan> = {}, withProtocol = true): Promise<Plan> {
  const plan = await t.db.getRepository(Plan).save({
    organizationId: w.organization.id,
    createdBy: w.organizer.user.id,
    title: LocalizedText.of({ kk: '№5 мектепті жөндеу', ru: 'Ремонт школы №5' })!,
    description: LocalizedText.of({ kk: 'Күрделі жөндеу', ru: 'Капитальный ремонт' })!,
    subjectCode: '452112.000.000000',
    amount: 150_000_000,
    method: 'open_tender',
    plannedQuarter: '2027-Q2',
    deliveryPlace: LocalizedText.of({ kk: 'Алматы', ru: 'Алматы' })!,
    publishedAt: new Date('2027-01-04T10:00:00+05:00'),
    stage1ClosesAt: new Date('2027-01-25T23:59:59.999+05:00'),
    stage1CloseDate: '2027-01-25',
    hearingDeadlineDate: '2027-02-04',
    stage1ClosedSweptAt: new Date('2027-01-26T00:01:00+05:00'),
    ...fields,
  });
  if (withProtocol && plan.protocolPublishedAt) {
    await t.db.getRepository(Protocol).save({
      planId: plan.id,
      version: 1,
      attendeesCount: 12,
      speakers: [LocalizedText.of({ kk: 'Айгүл Серікқызы', ru: 'Айгуль Серикқызы' })!],
      positions: [],
      questions: [],
      summary: LocalizedText.of({ kk: 'Хаттама', ru: 'Протокол' })!,
      decisions: [LocalizedText.of({ kk: 'Жалғастыру', ru: 'Продолжить' })!],
      authorId: w.organizer.user.id,
      publishedAt: plan.protocolPublishedAt,
      late: false,
    });
  }
  return plan;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function createRemark(
  t: TestApp,
  planId: string,
  authorId: string,
  fields: Partial<Remark> & { body: string },
): Promise<Remark> {
  return t.db.getRepository(Remark).save({
    planId,
    authorId,
    stage: 1,
    language: 'ru',
    createdAt: new Date('2027-01-10T12:00:00+05:00'),
    idempotencyKey: null,
    bodyHash: sha256(fields.body),
    answerDueAt: new Date('2027-01-29T23:59:59.999+05:00'),
    answeredAt: null,
    overdueSweptAt: null,
    ...fields,
  });
}

export async function answerRemark(
  t: TestApp,
  remark: Remark,
  authorId: string,
  fields: { body: string; disposition: Disposition; publishedAt: Date; late?: boolean },
): Promise<Answer> {
  const answer = await t.db.getRepository(Answer).save({
    remarkId: remark.id,
    version: 1,
    body: LocalizedText.single(fields.body, 'ru')!,
    disposition: fields.disposition,
    authorId,
    publishedAt: fields.publishedAt,
    late: fields.late ?? false,
    correctionReason: null,
  });
  await t.db.getRepository(Remark).update({ id: remark.id }, { answeredAt: fields.publishedAt });
  return answer;
}

/** A fresh bearer header for the clock's current time (tokens expire after 12 hours of clock time). */
export function authNow(t: TestApp, who: CreatedUser): { Authorization: string } {
  return { Authorization: `Bearer ${t.app.get(TokenService).sign(who.user.id).token}` };
}
