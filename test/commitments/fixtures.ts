import type { Remark } from '../../src/remarks/remark.entity';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { answerRemark, createPlan, createRemark, sha256 } from '../reviews/fixtures';

export const DOCS = [
  { title: 'Техническая спецификация', url: 'https://goszakup.gov.kz/docs/spec.pdf', sha256: sha256('spec') },
  { title: 'Проект договора', url: 'https://goszakup.gov.kz/docs/contract.pdf', sha256: sha256('contract') },
];

export interface CommitmentPlan {
  planId: string;
  alice: CreatedUser;
  bob: CreatedUser;
  /** Accepted (Alice's), partially accepted (Bob's), rejected (Alice's). */
  accepted: Remark;
  partial: Remark;
  rejected: Remark;
}

/** A plan with its protocol and three answered stage-1 remarks, two of them commitments. */
export async function planWithCommitments(t: TestApp, w: World): Promise<CommitmentPlan> {
  const plan = await createPlan(t, w, { protocolPublishedAt: new Date('2027-03-01T12:00:00+05:00') });
  const alice = await createUser(t, 'citizen', { displayName: 'Alice' });
  const bob = await createUser(t, 'citizen', { displayName: 'Bob' });
  const accepted = await createRemark(t, plan.id, alice.user.id, { body: 'Require a five-year warranty on the roof', language: 'en' });
  const partial = await createRemark(t, plan.id, bob.user.id, {
    body: 'Split the lot into two',
    language: 'en',
    createdAt: new Date('2027-01-11T12:00:00+05:00'),
  });
  const rejected = await createRemark(t, plan.id, alice.user.id, {
    body: 'Cancel the purchase',
    language: 'en',
    createdAt: new Date('2027-01-12T12:00:00+05:00'),
  });
  const at = new Date('2027-01-20T12:00:00+05:00');
  await answerRemark(t, accepted, w.organizer.user.id, {
    body: 'Accepted: the warranty goes into the specification.',
    disposition: 'accepted',
    publishedAt: at,
  });
  await answerRemark(t, partial, w.organizer.user.id, {
    body: 'Partly: two lots for the works, one for supervision.',
    disposition: 'partially_accepted',
    publishedAt: at,
  });
  await answerRemark(t, rejected, w.organizer.user.id, {
    body: 'Rejected: the school needs the repair this summer.',
    disposition: 'rejected',
    publishedAt: at,
  });
  return { planId: plan.id, alice, bob, accepted, partial, rejected };
}

/** The notice's commitments for planWithCommitments: both accounted for. */
export function fullCommitments(p: CommitmentPlan) {
  return [
    {
      remarkId: p.accepted.id,
      status: 'implemented',
      document: DOCS[0].title,
      location: 'Section 4.2',
      explanation: 'A five-year warranty is required.',
    },
    {
      remarkId: p.partial.id,
      status: 'not_implemented',
      explanation: 'The lots could not be split: one contractor is responsible for safety.',
    },
  ];
}
