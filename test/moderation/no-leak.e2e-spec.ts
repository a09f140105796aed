import { RequestMethod } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { CommitmentVerdict } from '../../src/commitments/commitment-verdict.entity';
import { Commitment } from '../../src/commitments/commitment.entity';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { kzCheckDigit } from '../../src/common/kz-check-digit';
import { isValidIin } from '../../src/common/personal-data';
import type { Plan } from '../../src/plans/plan.entity';
import { Answer } from '../../src/remarks/answer.entity';
import { AnswerVerdict } from '../../src/remarks/answer-verdict.entity';
import type { Remark } from '../../src/remarks/remark.entity';
import type { CreatedUser } from '../support/factories';
import { createUser } from '../support/factories';
import { pageRoutes } from '../support/page-routes';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';
import type { World } from '../reviews/fixtures';
import { answerRemark, authNow, createPlan, createRemark, createWorld } from '../reviews/fixtures';

/**
 * Issue 16, "no public read leaks a masked value": a plan whose remarks, answers (a correction too),
 * verdict reasons and a commitment's dispute hold an IIN, a Kazakh phone in several forms and an e-mail
 * address, and one hidden remark with a unique marker. Every public output of the plan is read as the
 * public, another citizen and a council member, and searched for the raw values; the author, the
 * organizer and a moderator read the originals where they should.
 */

/** A valid IIN: 15 March 1985, 7th digit 3 (a man born in the 1900s), the check digit computed. */
function validIin(): string {
  for (let serial = 1; serial < 9999; serial++) {
    const first11 = `8503153${String(serial).padStart(4, '0')}`;
    const check = kzCheckDigit([...first11].map(Number));
    if (check !== null) return `${first11}${check}`;
  }
  throw new Error('no IIN');
}

const IIN = validIin();
const EMAIL = 'aliya.nurlanovna@mail.kz';
/** One mobile number written as people write it. */
const PHONES = ['+7 701 234 56 78', '8 (701) 234-56-78', '87012345678', '+7-701-234-5678'];
const NATIONAL = '7012345678';
const MARKER = 'HIDDEN-MARKER-q7Zx3';
/** Every raw value, and the digit strings a masked text must not hold even with separators removed. */
const RAW = [IIN, EMAIL, ...PHONES];
const RAW_DIGITS = [IIN, NATIONAL];

/** Personal data in one sentence, with a tag to tell the texts apart. */
const pd = (tag: string) => `${tag}: ИИН ${IIN}, тел. ${PHONES[0]}, ${PHONES[1]}, ${PHONES[2]}, ${PHONES[3]}, почта ${EMAIL}.`;

const NOW = '2027-02-15T10:00:00+05:00';
const UNDER_REVIEW: Partial<Plan> = {
  protocolPublishedAt: new Date('2027-02-03T15:00:00+05:00'),
  reviewClosesAt: new Date('2027-02-17T23:59:59.999+05:00'),
  noticePublishedAt: new Date('2027-02-05T10:00:00+05:00'),
  stage2OpensAt: new Date('2027-02-05T10:00:00+05:00'),
  stage2ClosesAt: new Date('2027-02-12T23:59:59.999+05:00'),
};

interface Leak {
  where: string;
  found: string;
}

/** The raw values (and the hidden marker) found in a text; separators removed for the digit strings. */
function leaks(where: string, text: string): Leak[] {
  const out: Leak[] = [];
  for (const raw of [...RAW, MARKER]) if (text.includes(raw)) out.push({ where, found: raw });
  const squeezed = text.replace(/[\s\u00a0\-.()+]/g, '');
  for (const digits of RAW_DIGITS) if (squeezed.includes(digits)) out.push({ where, found: `${digits} (separators removed)` });
  // JSON escapes: the same values written with \u sequences or escaped slashes
  const unescaped = text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (unescaped !== text) for (const raw of [...RAW, MARKER]) if (unescaped.includes(raw)) out.push({ where, found: `${raw} (escaped)` });
  return out;
}

describe('no public output leaks personal data or hidden remark texts (issue 16)', () => {
  let t: TestApp;
  let w: World;
  let alice: CreatedUser;
  let bob: CreatedUser;
  let moderator: CreatedUser;
  let plan: Plan;
  let open: Remark;
  let hidden: Remark;
  let accepted: Remark;
  let dispute: Remark;

  beforeAll(async () => {
    expect(isValidIin(IIN)).toBe(true);
    t = await startTestApp({ now: NOW });
    w = await createWorld(t, 3);
    alice = await createUser(t, 'citizen', { displayName: 'Aliya' });
    bob = await createUser(t, 'citizen', { displayName: 'Bob' });
    moderator = await createUser(t, 'moderator', { displayName: 'Moderator M.' });
    plan = await createPlan(t, w, UNDER_REVIEW);
    await t.http.post(`/api/v1/plans/${plan.id}/follow`).set(authNow(t, bob));

    const answeredAt = new Date('2027-01-20T10:00:00+05:00');
    // a public remark, answered, then corrected, with verdicts on both versions
    open = await createRemark(t, plan.id, alice.user.id, { body: pd('remark'), createdAt: new Date('2027-01-10T12:00:00+05:00') });
    const v1 = await answerRemark(t, open, w.organizer.user.id, {
      body: pd('answer v1'),
      disposition: 'rejected',
      publishedAt: answeredAt,
    });
    await t.db.getRepository(AnswerVerdict).save({
      answerId: v1.id,
      remarkId: open.id,
      planId: plan.id,
      authorId: alice.user.id,
      verdict: 'formal',
      reason: pd('verdict v1'),
      createdAt: new Date('2027-01-21T10:00:00+05:00'),
    });
    const v2 = await t.db.getRepository(Answer).save({
      remarkId: open.id,
      version: 2,
      body: LocalizedText.single(pd('answer v2'), 'ru')!,
      disposition: 'rejected',
      authorId: w.organizer.user.id,
      publishedAt: new Date('2027-01-22T10:00:00+05:00'),
      late: false,
      correctionReason: LocalizedText.single(pd('correction reason'), 'ru')!,
    });
    await t.db.getRepository(AnswerVerdict).save({
      answerId: v2.id,
      remarkId: open.id,
      planId: plan.id,
      authorId: alice.user.id,
      verdict: 'formal',
      reason: pd('verdict v2'),
      createdAt: new Date('2027-01-23T10:00:00+05:00'),
    });

    // a hidden remark (set directly: H1's endpoints are built in parallel), answered: its answer stays public
    hidden = await createRemark(t, plan.id, alice.user.id, {
      body: `${MARKER} ${pd('hidden remark')}`,
      createdAt: new Date('2027-01-11T12:00:00+05:00'),
    });
    await answerRemark(t, hidden, w.organizer.user.id, { body: pd('answer to hidden'), disposition: 'rejected', publishedAt: answeredAt });
    await t.db.query(`UPDATE remarks SET hidden_at = $2, hidden_reason = 'insult' WHERE id = $1`, [
      hidden.id,
      new Date('2027-02-01T10:00:00+05:00'),
    ]);

    // an accepted remark: a commitment, disputed by its author with a stage-2 remark
    accepted = await createRemark(t, plan.id, alice.user.id, {
      body: pd('accepted remark'),
      createdAt: new Date('2027-01-12T12:00:00+05:00'),
    });
    const acceptedAnswer = await answerRemark(t, accepted, w.organizer.user.id, {
      body: pd('accepting answer'),
      disposition: 'accepted',
      publishedAt: answeredAt,
    });
    const commitment = await t.db.getRepository(Commitment).save({
      planId: plan.id,
      remarkId: accepted.id,
      version: 1,
      answerId: acceptedAnswer.id,
      disposition: 'accepted',
      status: 'not_implemented',
      document: null,
      location: null,
      explanation: pd('commitment explanation'),
      authorId: w.organizer.user.id,
      publishedAt: new Date('2027-02-05T10:00:00+05:00'),
    });
    dispute = await createRemark(t, plan.id, alice.user.id, {
      body: pd('dispute'),
      stage: 2,
      disputesRemarkId: accepted.id,
      createdAt: new Date('2027-02-06T12:00:00+05:00'),
      answerDueAt: new Date('2027-02-20T23:59:59.999+05:00'),
    });
    await t.db.getRepository(CommitmentVerdict).save({
      commitmentId: commitment.id,
      remarkId: accepted.id,
      planId: plan.id,
      authorId: alice.user.id,
      verdict: 'disputed',
      reason: pd('dispute'),
      disputeRemarkId: dispute.id,
      createdAt: new Date('2027-02-06T12:00:00+05:00'),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const API = '/api/v1';
  const as = (who: CreatedUser | null) => (who ? authNow(t, who) : {});

  /** Every public read of the plan's texts, API and pages, in every language. */
  function publicReads(): string[] {
    const p = plan.id;
    const remarkIds = [open.id, hidden.id, accepted.id, dispute.id];
    return [
      `${API}/plans`,
      `${API}/plans?q=${encodeURIComponent('школы')}`,
      `${API}/plans/${p}`,
      `${API}/plans/${p}/remarks`,
      `${API}/plans/${p}/remarks?stage=2`,
      `${API}/plans/${p}/review`,
      `${API}/plans/${p}/report`,
      `${API}/plans/${p}/report?format=csv`,
      `${API}/plans/${p}/outcome`,
      `${API}/plans/${p}/notice`,
      `${API}/plans/${p}/hearing`,
      `${API}/plans/${p}/hearing/protocol`,
      `${API}/statistics`,
      `${API}/statistics/organizations/${w.organization.id}`,
      `${API}/feeds/plans.atom`,
      `${API}/feeds/plans.atom?organizationId=${w.organization.id}`,
      `${API}/feeds/hearings.ics`,
      `${API}/feeds/hearings.ics?organizationId=${w.organization.id}`,
      `${API}/export/remarks.csv`,
      `${API}/export/remarks.json`,
      // the plan's package first: it stores the plan's releases, which the list then pages through
      `${API}/ocds/releases/${p}`,
      `${API}/ocds/releases`,
      '/',
      `/?q=${encodeURIComponent('школы')}`,
      `/plans/${p}`,
      '/statistics',
      ...remarkIds.map((id) => `/remarks/${id}/verdict`),
    ];
  }

  async function read(path: string, who: CreatedUser | null, lang: string): Promise<string> {
    const res = await t.http.get(path).set(as(who)).set('Accept-Language', lang);
    return res.text;
  }

  it('covers every GET route that can show a remark, an answer or a reason: each is read below or says why not', () => {
    const container = t.app.get(ModulesContainer);
    const routes = new Set<string>();
    for (const module of container.values())
      for (const wrapper of module.controllers.values())
        for (const r of pageRoutes(wrapper.metatype as Type)) if (r.method === RequestMethod.GET) routes.add(r.path.replace(/^\/?/, '/'));
    const read = new Set([
      '/api/v1/plans',
      '/api/v1/plans/:id',
      '/api/v1/plans/:id/remarks',
      '/api/v1/plans/:id/review',
      '/api/v1/plans/:id/report',
      '/api/v1/plans/:id/outcome',
      '/api/v1/plans/:id/notice',
      '/api/v1/plans/:id/hearing',
      '/api/v1/plans/:id/hearing/protocol',
      '/api/v1/statistics',
      '/api/v1/statistics/organizations/:id',
      '/api/v1/feeds/plans.atom',
      '/api/v1/feeds/hearings.ics',
      '/api/v1/export/remarks.csv',
      '/api/v1/export/remarks.json',
      '/api/v1/ocds/releases/:planId',
      '/api/v1/ocds/releases',
      '/',
      '/plans/:id',
      '/statistics',
      '/remarks/:id/verdict',
      '/my/remarks',
      '/council',
      '/council/plans/:id',
      '/organizer/remarks',
      '/organizer/remarks/:remarkId/correction',
      '/organizer/plans/:id/notice',
    ]);
    // routes that never show a remark, an answer or a verdict/dispute reason, or are staff-only and not this plan's public face
    const unrelated =
      /^\/(api\/v1\/(health|calendar|councils|organizations|me|admin|sandbox|auth|hearing|moderation|remarks\/:id\/moderation)|assets|favicon\.ico|lang|view|login|register|verify-email|forgot-password|reset-password|account|admin|moderation|unsubscribe|remarks\/:id\/(report|appeal))|^\/api\/v1\/plans\/:id\/(hearing\.ics|hearing\/allowed-dates)|^\/(health|docs)/;
    const missing = [...routes].filter(
      (r) => !read.has(r) && !unrelated.test(r) && !r.startsWith('/organizer') && !r.startsWith('/council'),
    );
    expect(missing).toEqual([]);
  });

  it('the public, another citizen and a council member read no raw personal data and no hidden text anywhere', async () => {
    const found: Leak[] = [];
    const readers: [string, CreatedUser | null][] = [
      ['anonymous', null],
      ['bob', bob],
      ['council member', w.members[2]],
    ];
    for (const [name, who] of readers)
      for (const lang of ['kk', 'ru', 'en'])
        for (const path of publicReads()) found.push(...leaks(`${name} ${lang} ${path}`, await read(path, who, lang)));
    // the council's own pages, as a member who may still name answers formal, and the member's list
    for (const path of [`/council/plans/${plan.id}`, '/council'])
      for (const lang of ['kk', 'ru', 'en']) found.push(...leaks(`council ${lang} ${path}`, await read(path, w.members[2], lang)));
    found.push(...leaks('bob /my/remarks', await read('/my/remarks', bob, 'ru')));
    expect(found).toEqual([]);
  });

  it('the plan page states the hidden remark and why, keeps its answer, and counts hidden remarks by reason', async () => {
    const page = await read(`/plans/${plan.id}`, null, 'en');
    expect(page).toContain('Hidden by a moderator on');
    expect(page).toContain(': insult.');
    expect(page).toContain('Hidden by moderators: 1 remark (insult: 1)');
    expect(page).toContain('answer to hidden: ИИН ••••••••••••');
    expect(page).toContain('•••@•••');
    const api = await t.http.get(`${API}/plans/${plan.id}/report`).expect(200);
    const row = (api.body.remarks as { id: string; body: string | null; hidden: unknown }[]).find((r) => r.id === hidden.id);
    expect(row).toMatchObject({ body: null, hidden: { reason: 'insult' } });
    const csv = await t.http.get(`${API}/plans/${plan.id}/report?format=csv`).set('Accept-Language', 'en').expect(200);
    expect(csv.text).toContain('Hidden by a moderator on 2027-02-01: insult.');
  });

  it('the bulk export lists the hidden remark without its text, in CSV and JSON, with its answer masked', async () => {
    const json = await t.http.get(`${API}/export/remarks.json`).expect(200);
    expect(json.text).not.toContain(MARKER);
    const row = (
      JSON.parse(json.text) as {
        remarkId: string;
        text: string | null;
        moderation: { state: string };
        answers: { text: { ru: string } }[];
      }[]
    ).find((r) => r.remarkId === hidden.id);
    expect(row).toMatchObject({ text: null, moderation: { state: 'hidden', hiddenReason: 'insult' } });
    expect(row!.answers[0].text.ru).toContain('answer to hidden: ИИН ••••••••••••');
    const csv = await t.http.get(`${API}/export/remarks.csv`).expect(200);
    expect(csv.text).not.toContain(MARKER);
    expect(csv.text).toMatch(new RegExp(`^${hidden.id},.*,hidden,insult,`, 'm'));
  });

  it('the author, the organizer and a moderator read the originals where they should', async () => {
    const own = await read(`/plans/${plan.id}`, alice, 'en');
    expect(own).toContain(`remark: ИИН ${IIN}`);
    expect(own).toContain(MARKER);
    expect(own).toContain('only you and the moderators see the text');
    expect(own).toContain('masked for the public');
    expect(own).toContain(`verdict v2: ИИН ${IIN}`);
    expect(await read('/my/remarks', alice, 'en')).toContain(MARKER);
    expect(await read(`/remarks/${open.id}/verdict`, alice, 'en')).toContain(`remark: ИИН ${IIN}`);

    const organizer = await read(`/plans/${plan.id}`, w.organizer, 'en');
    expect(organizer).toContain(`remark: ИИН ${IIN}`);
    expect(organizer).toContain(`answer v2: ИИН ${IIN}`);
    expect(organizer).not.toContain(MARKER);
    expect(organizer).toContain('Hidden by a moderator on');

    const moderatorPage = await read(`/plans/${plan.id}`, moderator, 'en');
    expect(moderatorPage).toContain(MARKER);
    expect(moderatorPage).toContain(`/moderation/remarks/${hidden.id}`);

    // the report links and the appeal link
    expect(await read(`/plans/${plan.id}`, bob, 'en')).toContain(`/remarks/${open.id}/report`);
    expect(await read(`/plans/${plan.id}`, bob, 'en')).not.toContain(`/remarks/${hidden.id}/report`);
    expect(own).not.toContain(`/remarks/${open.id}/report`);
  });

  it('the organizer is not asked to answer a hidden remark', async () => {
    await t.db.query(`UPDATE remarks SET answered_at = NULL WHERE id = $1`, [hidden.id]);
    await t.db.query(`DELETE FROM answers WHERE remark_id = $1`, [hidden.id]);
    try {
      const queue = await read('/organizer/remarks', w.organizer, 'en');
      expect(queue).not.toContain(`remark-${hidden.id}`);
      expect(queue).toContain(`remark-${dispute.id}`);
      const page = await read(`/plans/${plan.id}`, w.organizer, 'en');
      expect(page).not.toContain(`/plans/${plan.id}/remarks/${hidden.id}/answer`);
      expect(page).toContain('Needs no answer while hidden.');
    } finally {
      await answerRemark(t, hidden, w.organizer.user.id, {
        body: pd('answer to hidden'),
        disposition: 'rejected',
        publishedAt: new Date('2027-01-20T10:00:00+05:00'),
      });
    }
  });

  it('e-mails to anyone but the author are masked and do not quote hidden remarks: the council’s findings to the organizer', async () => {
    t.smtp.messages.length = 0;
    for (const member of w.members.slice(0, 2))
      await t.http
        .post(`${API}/plans/${plan.id}/review/positions`)
        .set(authNow(t, member))
        .send({ position: 'object', text: 'The answers are formal', formalAnswers: [open.id, hidden.id] })
        .expect(201);
    await t.http.post(`${API}/plans/${plan.id}/review/close`).set(authNow(t, w.chair)).expect(200);
    await t.flushMail();
    await t.flushMail();
    const findings = t.smtp.to(w.organizer.user.email).filter((m) => m.subject?.startsWith('Answers the council found formal'));
    expect(findings).toHaveLength(1);
    expect(findings[0].text).toContain('Hidden by a moderator on 2027-02-01: insult.');
    const found: Leak[] = [];
    for (const m of t.smtp.messages) {
      if (m.envelopeTo.includes(alice.user.email)) continue;
      found.push(...leaks(`e-mail "${m.subject}" to ${m.envelopeTo.join(',')}`, `${m.subject}\n${m.text}\n${String(m.html)}`));
    }
    expect(found).toEqual([]);

    // after the review: the conclusion and the formal answers are public, still without the raw values
    const after: Leak[] = [];
    for (const path of publicReads()) after.push(...leaks(`after review ${path}`, await read(path, null, 'ru')));
    for (const path of [`/council/plans/${plan.id}`, '/council'])
      after.push(...leaks(`council after review ${path}`, await read(path, w.members[2], 'ru')));
    expect(after).toEqual([]);
  });
});
