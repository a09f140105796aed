import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { AnswersThatCount1796145835067 } from '../../migrations/1796145835067-AnswersThatCount';
import { DETECT_FUNCTION, StateLanguages1796200000000 } from '../../migrations/1796200000000-StateLanguages';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { Notice } from '../../src/documentation/notice.entity';
import { Hearing } from '../../src/hearings/hearing.entity';
import { Protocol } from '../../src/hearings/protocol.entity';
import { ENTITIES } from '../../src/entities';
import { Council } from '../../src/organizations/council.entity';
import { Organization } from '../../src/organizations/organization.entity';
import { Outcome } from '../../src/outcomes/outcome.entity';
import { Plan } from '../../src/plans/plan.entity';
import { Answer } from '../../src/remarks/answer.entity';
import { Remark } from '../../src/remarks/remark.entity';
import { RecommendationResponse } from '../../src/reviews/recommendation-response.entity';
import { createEmptyDatabase, dropTestDatabase } from '../support/test-db';

type Lang = 'kk' | 'ru' | 'en';
type Versions = Record<Lang, string | null>;

/** One text in one language, as the migration must store it. */
function only(lang: Lang, text: string): Versions {
  return { kk: null, ru: null, en: null, [lang]: text };
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** What the previous version wrote, by key, with the language each text must move into. */
const OLD = {
  councils: {
    kk: 'Астана қаласының қоғамдық кеңесі',
    ru: 'Общественный совет города Алматы',
    en: 'Public council of Shymkent city',
  },
  organizations: {
    kk: { name: 'Қарағанды облысының денсаулық сақтау басқармасы', address: 'Қарағанды қ., Бұқар жырау даңғылы, 49' },
    ru: { name: 'Акимат города Алматы', address: 'г. Алматы, площадь Республики, 4' },
    en: { name: 'Shymkent city akimat', address: 'Shymkent, Tauke Khan Avenue 6' },
  },
  plans: {
    kk: {
      title: 'Қарағанды облысының ауруханаларына медициналық жабдық сатып алу',
      description: 'Үш ауданның ауруханаларына арналған жабдық.\nЕкінші жол: жеткізу мерзімі — үш ай.',
      deliveryPlace: 'Қарағанды облысы',
    },
    ru: {
      title: 'Закупка школьных учебников для гимназий',
      description: 'Учебники по математике и физике для 5–9 классов.',
      deliveryPlace: null,
    },
    en: { title: 'Road repair works in the city centre', description: 'Resurfacing of 4 km of streets.', deliveryPlace: 'Almaty' },
  },
  rooms: { kk: 'Мәжіліс залы, 2-қабат', ru: 'Зал заседаний, 2 этаж', en: null },
  changeRoom: 'Кіші зал, 3-қабат',
  remarks: {
    kk: 'Жабдықтың кепілдік мерзімін көрсетуді сұраймын.',
    ru: 'Прошу указать издательства учебников.',
    en: 'Please publish the road map of the works.',
  },
  answers: {
    kk1: 'Кепілдік мерзімі техникалық ерекшелікте көрсетілген.',
    kk2: 'Кепілдік мерзімі — 24 ай, техникалық ерекшеліктің 3-бөлімі.',
    kkReason: 'Алғашқы жауапта мерзім аталмаған.',
    ru: 'Издательства не указываются: это ограничило бы конкуренцию.',
  },
  protocol: {
    speakers: ['Ұйымдастырушының өкілі', 'Айгерім С.', 'Данияр Т.'],
    positions: ['Қатысушылар сатып алуды қолдады.', 'Бір қатысушы мерзімге қарсы болды.'],
    questions: [
      { question: 'Кепілдік мерзімі қандай?', answer: '24 ай.' },
      { question: 'Жеткізу қашан?', answer: 'Үш ай ішінде.' },
    ],
    summary: 'Тыңдаулар ұйымдастырушының орналасқан жерінде өтті.',
    decisions: ['Ескертулерді ескеру.', 'Хаттаманы жариялау.'],
    correction: 'Қатысушылар саны түзетілді.',
  },
  positions: { kk: 'Хаттама толық.', ru: 'Протокол полный, есть рекомендация.' },
  recommendations: { kk: 'Кепілдік мерзімін шартқа енгізу.', ru: 'Включить гарантийный срок в договор.' },
  responses: { v1: 'Ұсыным ескерілді.', v2: 'Ұсыным ескерілді: шарттың 7-тармағы.', reason: 'Тармақ нөмірі қосылды.' },
  documents: {
    kk: ['Техникалық ерекшелік', 'Шарт жобасы'],
    ru: ['Техническая спецификация', 'Проект договора'],
  },
  noticeReason: 'Шарт жобасы жаңартылды.',
  outcomes: { kk: 'Сатып алу жүргізіледі.', ru: 'Документация изменена.', ruReason: 'Уточнена формулировка.' },
  orphans: {
    summary: 'Слушания перенесены.',
    speakers: ['Ұйымдастырушының өкілі', 'Представитель организатора'],
    outcome: 'Закупка отменена.',
    outcomeReason: 'Қаражат бөлінбеді.',
    documents: ['Техникалық ерекшелік', 'Техническая спецификация'],
  },
};

/** Ids of the rows the previous version wrote. */
interface Ids {
  users: Record<string, string>;
  councils: Record<Lang, string>;
  organizations: Record<Lang, string>;
  plans: Record<Lang, string>;
  hearings: Record<Lang, string>;
  change: string;
  remarks: Record<Lang, string>;
  answers: { kk1: string; kk2: string; ru: string };
  protocols: { kk: string; ru: string };
  positions: { kk: string; ru: string };
  recommendations: { kk: string; ru: string };
  responses: { v1: string; v2: string };
  notices: { kk: string; ru: string; en: string };
  outcomes: { kk: string; ru: string };
  /** Rows whose author account no longer exists (these author columns have no foreign key). */
  orphans: { protocol: string; outcome: string; notice: string };
}

async function insert(db: DataSource, table: string, row: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  const columns = ['id', ...Object.keys(row)];
  const values = [
    id,
    ...Object.values(row).map((v) => (Array.isArray(v) || (v && typeof v === 'object' && !(v instanceof Date)) ? JSON.stringify(v) : v)),
  ];
  await db.query(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    values,
  );
  return id;
}

/** Rows as the version before StateLanguages wrote them: every text a plain string, in its author's language. */
async function fillPreviousVersion(db: DataSource): Promise<Ids> {
  const now = new Date('2027-03-01T05:00:00Z');
  const councils = {} as Ids['councils'];
  const organizations = {} as Ids['organizations'];
  for (const lang of ['kk', 'ru', 'en'] as Lang[]) {
    councils[lang] = await insert(db, 'councils', { name: OLD.councils[lang] });
    organizations[lang] = await insert(db, 'organizations', {
      ...OLD.organizations[lang],
      bin: `00000000000${['kk', 'ru', 'en'].indexOf(lang)}`,
      council_id: councils[lang],
    });
  }
  const users: Record<string, string> = {};
  const user = async (key: string, locale: Lang, role: string, extra: Record<string, unknown> = {}) => {
    users[key] = await insert(db, 'users', {
      email: `${key}@example.kz`,
      email_key: `${key}@example.kz`,
      password_hash: 'x',
      display_name: key,
      locale,
      role,
      ...extra,
    });
  };
  await user('organizerKk', 'kk', 'organizer', { organization_id: organizations.kk });
  await user('organizerRu', 'ru', 'organizer', { organization_id: organizations.ru });
  // an English-speaking organizer of the Russian-named organization: the venue is that organization's address
  await user('organizerEn', 'en', 'organizer', { organization_id: organizations.ru });
  await user('memberKk', 'kk', 'council_member', { council_id: councils.kk });
  await user('memberRu', 'ru', 'council_member', { council_id: councils.kk });
  await user('citizenKk', 'kk', 'citizen');
  await user('citizenRu', 'ru', 'citizen');
  await user('citizenEn', 'en', 'citizen');

  const plans = {} as Ids['plans'];
  const hearings = {} as Ids['hearings'];
  const remarks = {} as Ids['remarks'];
  const orgOf: Record<Lang, Lang> = { kk: 'kk', ru: 'ru', en: 'ru' };
  const organizerOf: Record<Lang, string> = { kk: users.organizerKk, ru: users.organizerRu, en: users.organizerEn };
  const citizenOf: Record<Lang, string> = { kk: users.citizenKk, ru: users.citizenRu, en: users.citizenEn };
  for (const lang of ['kk', 'ru', 'en'] as Lang[]) {
    const p = OLD.plans[lang];
    plans[lang] = await insert(db, 'plans', {
      organization_id: organizations[orgOf[lang]],
      created_by: organizerOf[lang],
      title: p.title,
      description: p.description,
      delivery_place: p.deliveryPlace,
      subject_code: `12345${lang}`,
      amount: 1000,
      method: 'open_tender',
      published_at: now,
    });
    hearings[lang] = await insert(db, 'hearings', {
      plan_id: plans[lang],
      status: 'scheduled',
      starts_at: now,
      ends_at: now,
      local_date: '2027-03-01',
      venue: OLD.organizations[orgOf[lang]].address,
      room: OLD.rooms[lang],
      ical_uid: `${lang}@talqylau`,
    });
    remarks[lang] = await insert(db, 'remarks', {
      plan_id: plans[lang],
      stage: 1,
      author_id: citizenOf[lang],
      body: OLD.remarks[lang],
      created_at: now,
      body_hash: sha(OLD.remarks[lang]),
      answer_due_at: now,
    });
  }
  const change = await insert(db, 'hearing_changes', {
    hearing_id: hearings.ru,
    action: 'rescheduled',
    sequence: 1,
    starts_at: now,
    room: OLD.changeRoom,
    author_id: users.organizerKk, // written by a Kazakh-speaking account
    created_at: now,
  });
  const answer = (remark: string, author: string, version: number, body: string, reason: string | null) =>
    insert(db, 'answers', {
      remark_id: remark,
      version,
      body,
      disposition: 'explained',
      author_id: author,
      published_at: now,
      correction_reason: reason,
    });
  const answers = {
    kk1: await answer(remarks.kk, users.organizerKk, 1, OLD.answers.kk1, null),
    kk2: await answer(remarks.kk, users.organizerKk, 2, OLD.answers.kk2, OLD.answers.kkReason),
    ru: await answer(remarks.ru, users.organizerRu, 1, OLD.answers.ru, null),
  };
  const pr = OLD.protocol;
  const protocols = {
    kk: await insert(db, 'protocols', {
      plan_id: plans.kk,
      version: 1,
      attendees_count: 12,
      speakers: pr.speakers,
      positions: pr.positions,
      questions: pr.questions,
      summary: pr.summary,
      decisions: pr.decisions,
      author_id: users.organizerKk,
      published_at: now,
      correction_reason: pr.correction,
    }),
    ru: await insert(db, 'protocols', {
      plan_id: plans.ru,
      version: 1,
      attendees_count: 0,
      speakers: [],
      positions: [],
      questions: [],
      summary: 'Слушания не состоялись.',
      decisions: [],
      author_id: users.organizerRu,
      published_at: now,
    }),
  };
  const positions = {
    kk: await insert(db, 'review_positions', {
      plan_id: plans.kk,
      member_id: users.memberKk,
      position: 'endorse_with_recommendations',
      text: OLD.positions.kk,
      created_at: now,
    }),
    ru: await insert(db, 'review_positions', {
      plan_id: plans.kk,
      member_id: users.memberRu,
      position: 'endorse_with_recommendations',
      text: OLD.positions.ru,
      created_at: now,
    }),
  };
  const recommendation = (position: string, text: string) =>
    insert(db, 'recommendations', { plan_id: plans.kk, position_id: position, text, created_at: now, response_due_at: now });
  const recommendations = {
    kk: await recommendation(positions.kk, OLD.recommendations.kk),
    ru: await recommendation(positions.ru, OLD.recommendations.ru),
  };
  const response = (version: number, text: string, reason: string | null) =>
    insert(db, 'recommendation_responses', {
      recommendation_id: recommendations.kk,
      version,
      accepted: true,
      text,
      author_id: users.organizerKk,
      published_at: now,
      correction_reason: reason,
    });
  const responses = { v1: await response(1, OLD.responses.v1, null), v2: await response(2, OLD.responses.v2, OLD.responses.reason) };
  const documents = (plan: string, titles: string[]) =>
    titles.map((title, i) => ({ title, url: `https://example.kz/${plan}/${i}.pdf`, sha256: sha(`${plan}:${title}`) }));
  const notice = (plan: string, author: string, titles: string[], reason: string | null) =>
    insert(db, 'notices', {
      plan_id: plan,
      version: 1,
      notice_number: `N-${plan.slice(0, 8)}`,
      documents: documents(plan, titles),
      author_id: author,
      published_at: now,
      correction_reason: reason,
    });
  const notices = {
    kk: await notice(plans.kk, users.organizerKk, OLD.documents.kk, OLD.noticeReason),
    ru: await notice(plans.ru, users.organizerRu, OLD.documents.ru, null),
    en: await notice(plans.en, users.organizerEn, [], null),
  };
  const outcome = (plan: string, author: string, summary: string, reason: string | null) =>
    insert(db, 'outcomes', {
      plan_id: plan,
      version: 1,
      decision: 'proceed',
      summary,
      author_id: author,
      published_at: now,
      correction_reason: reason,
    });
  const outcomes = {
    kk: await outcome(plans.kk, users.organizerKk, OLD.outcomes.kk, null),
    ru: await outcome(plans.ru, users.organizerRu, OLD.outcomes.ru, OLD.outcomes.ruReason),
  };
  // written by accounts deleted since (no foreign key keeps them): the texts' letters tell the language
  const gone = randomUUID();
  const o = OLD.orphans;
  const orphans = {
    protocol: await insert(db, 'protocols', {
      plan_id: plans.en,
      version: 1,
      attendees_count: 3,
      speakers: o.speakers,
      summary: o.summary,
      author_id: gone,
      published_at: now,
    }),
    outcome: await outcome(plans.en, gone, o.outcome, o.outcomeReason),
    notice: await insert(db, 'notices', {
      plan_id: plans.en,
      version: 2,
      notice_number: 'N-gone',
      documents: documents(plans.en, o.documents),
      author_id: gone,
      published_at: now,
    }),
  };
  return {
    orphans,
    users,
    councils,
    organizations,
    plans,
    hearings,
    change,
    remarks,
    answers,
    protocols,
    positions,
    recommendations,
    responses,
    notices,
    outcomes,
  };
}

async function one<T>(db: DataSource, sql: string, params: unknown[]): Promise<T> {
  const rows = await db.query<T[]>(sql, params);
  expect(rows).toHaveLength(1);
  return rows[0];
}

/** The plans the search finds for a query, by key. */
async function search(db: DataSource, ids: Ids, query: string): Promise<Lang[]> {
  const rows = await db.query<{ id: string }[]>(`SELECT id FROM plans WHERE search_vector @@ plan_search_query($1)`, [query]);
  return (['kk', 'ru', 'en'] as Lang[]).filter((lang) => rows.some((r) => r.id === ids.plans[lang]));
}

/** Every text in its author's (or, for organizations, councils and venues, its letters') language, nothing lost. */
async function expectMoved(db: DataSource, ids: Ids): Promise<void> {
  for (const lang of ['kk', 'ru', 'en'] as Lang[]) {
    const council = await one<{ name: Versions }>(db, `SELECT name FROM councils WHERE id = $1`, [ids.councils[lang]]);
    expect(council.name).toEqual(only(lang, OLD.councils[lang]));
    const org = await one<{ name: Versions; address: Versions }>(db, `SELECT name, address FROM organizations WHERE id = $1`, [
      ids.organizations[lang],
    ]);
    expect(org).toEqual({ name: only(lang, OLD.organizations[lang].name), address: only(lang, OLD.organizations[lang].address) });
    // a plan's texts in its author's account language
    const plan = await one<{ title: Versions; description: Versions; delivery_place: Versions | null }>(
      db,
      `SELECT title, description, delivery_place FROM plans WHERE id = $1`,
      [ids.plans[lang]],
    );
    const p = OLD.plans[lang];
    expect(plan).toEqual({
      title: only(lang, p.title),
      description: only(lang, p.description),
      delivery_place: p.deliveryPlace === null ? null : only(lang, p.deliveryPlace),
    });
    const hearing = await one<{ venue: Versions; room: Versions | null }>(db, `SELECT venue, room FROM hearings WHERE id = $1`, [
      ids.hearings[lang],
    ]);
    const orgLang: Lang = lang === 'kk' ? 'kk' : 'ru';
    expect(hearing.venue).toEqual(only(orgLang, OLD.organizations[orgLang].address));
    const room = OLD.rooms[lang];
    expect(hearing.room).toEqual(room === null ? null : only(lang, room));
    const remark = await one<{ body: string; language: string }>(db, `SELECT body, language FROM remarks WHERE id = $1`, [
      ids.remarks[lang],
    ]);
    expect(remark).toEqual({ body: OLD.remarks[lang], language: lang });
  }
  const change = await one<{ room: Versions }>(db, `SELECT room FROM hearing_changes WHERE id = $1`, [ids.change]);
  expect(change.room).toEqual(only('kk', OLD.changeRoom));

  const answers = await db.query<
    {
      id: string;
      body: Versions;
      correction_reason: Versions | null;
    }[]
  >(`SELECT id, body, correction_reason FROM answers`);
  const answer = (id: string) => answers.find((a) => a.id === id);
  expect(answer(ids.answers.kk1)).toMatchObject({ body: only('kk', OLD.answers.kk1), correction_reason: null });
  expect(answer(ids.answers.kk2)).toMatchObject({ body: only('kk', OLD.answers.kk2), correction_reason: only('kk', OLD.answers.kkReason) });
  expect(answer(ids.answers.ru)).toMatchObject({ body: only('ru', OLD.answers.ru), correction_reason: null });

  // protocol lists keep their order, each item in the author's language
  const pr = OLD.protocol;
  const protocol = await one<Record<string, unknown>>(
    db,
    `SELECT speakers, positions, questions, summary, decisions, correction_reason FROM protocols WHERE id = $1`,
    [ids.protocols.kk],
  );
  expect(protocol).toEqual({
    speakers: pr.speakers.map((s) => only('kk', s)),
    positions: pr.positions.map((s) => only('kk', s)),
    questions: pr.questions.map((q) => ({ question: only('kk', q.question), answer: only('kk', q.answer) })),
    summary: only('kk', pr.summary),
    decisions: pr.decisions.map((s) => only('kk', s)),
    correction_reason: only('kk', pr.correction),
  });
  const empty = await one<Record<string, unknown>>(
    db,
    `SELECT speakers, positions, questions, decisions, summary FROM protocols WHERE id = $1`,
    [ids.protocols.ru],
  );
  expect(empty).toEqual({ speakers: [], positions: [], questions: [], decisions: [], summary: only('ru', 'Слушания не состоялись.') });

  // review: a position and its recommendation in the member's language, the response in the organizer's
  for (const lang of ['kk', 'ru'] as const) {
    const position = await one<{ text: Versions }>(db, `SELECT text FROM review_positions WHERE id = $1`, [ids.positions[lang]]);
    expect(position.text).toEqual(only(lang, OLD.positions[lang]));
    const rec = await one<{ text: Versions }>(db, `SELECT text FROM recommendations WHERE id = $1`, [ids.recommendations[lang]]);
    expect(rec.text).toEqual(only(lang, OLD.recommendations[lang]));
  }
  const v1 = await one<Record<string, unknown>>(db, `SELECT text, correction_reason FROM recommendation_responses WHERE id = $1`, [
    ids.responses.v1,
  ]);
  expect(v1).toEqual({ text: only('kk', OLD.responses.v1), correction_reason: null });
  const v2 = await one<Record<string, unknown>>(db, `SELECT text, correction_reason FROM recommendation_responses WHERE id = $1`, [
    ids.responses.v2,
  ]);
  expect(v2).toEqual({ text: only('kk', OLD.responses.v2), correction_reason: only('kk', OLD.responses.reason) });

  // notice documents: titles moved, in order; url and sha256 untouched
  const notices = await db.query<
    {
      id: string;
      plan_id: string;
      documents: { title: Versions; url: string; sha256: string }[];
      correction_reason: Versions | null;
    }[]
  >(`SELECT id, plan_id, documents, correction_reason FROM notices`);
  const notice = (id: string) => notices.find((n) => n.id === id)!;
  for (const lang of ['kk', 'ru'] as const) {
    const n = notice(ids.notices[lang]);
    expect(n.documents).toEqual(
      OLD.documents[lang].map((title, i) => ({
        title: only(lang, title),
        url: `https://example.kz/${n.plan_id}/${i}.pdf`,
        sha256: sha(`${n.plan_id}:${title}`),
      })),
    );
  }
  expect(notice(ids.notices.kk).correction_reason).toEqual(only('kk', OLD.noticeReason));
  expect(notice(ids.notices.en)).toMatchObject({ documents: [], correction_reason: null });

  const outcomes = await db.query<Record<string, unknown>[]>(`SELECT id, summary, correction_reason FROM outcomes`);
  expect(outcomes.find((o) => o.id === ids.outcomes.kk)).toMatchObject({ summary: only('kk', OLD.outcomes.kk), correction_reason: null });
  expect(outcomes.find((o) => o.id === ids.outcomes.ru)).toMatchObject({
    summary: only('ru', OLD.outcomes.ru),
    correction_reason: only('ru', OLD.outcomes.ruReason),
  });

  // an author no longer there: each text in the language its letters show, nothing lost
  const o = OLD.orphans;
  const orphan = await one<Record<string, unknown>>(db, `SELECT speakers, summary FROM protocols WHERE id = $1`, [ids.orphans.protocol]);
  expect(orphan).toEqual({ speakers: [only('kk', o.speakers[0]), only('ru', o.speakers[1])], summary: only('ru', o.summary) });
  const gone = await one<Record<string, unknown>>(db, `SELECT summary, correction_reason FROM outcomes WHERE id = $1`, [
    ids.orphans.outcome,
  ]);
  expect(gone).toEqual({ summary: only('ru', o.outcome), correction_reason: only('kk', o.outcomeReason) });
  const goneNotice = await one<{ documents: { title: Versions }[] }>(db, `SELECT documents FROM notices WHERE id = $1`, [
    ids.orphans.notice,
  ]);
  expect(goneNotice.documents.map((d) => d.title)).toEqual([only('kk', o.documents[0]), only('ru', o.documents[1])]);

  // the search finds the moved texts: Russian stemming, Kazakh letters in upper and lower case, prefixes
  expect(await search(db, ids, 'учебник')).toEqual(['ru']);
  expect(await search(db, ids, 'гимназия')).toEqual(['ru']);
  expect(await search(db, ids, 'ҚАРАҒАНДЫ')).toEqual(['kk']);
  expect(await search(db, ids, 'ауруханалар')).toEqual(['kk']);
  expect(await search(db, ids, 'жабдық')).toEqual(['kk']);
  expect(await search(db, ids, 'Road')).toEqual(['en']);
  expect(await search(db, ids, 'жеткізу')).toEqual(['kk']); // in the description's second line
  const index = await one<{ indexdef: string }>(db, `SELECT indexdef FROM pg_indexes WHERE indexname = $1`, ['plans_search_idx']);
  expect(index.indexdef).toContain('USING gin (search_vector)');
}

/**
 * The StateLanguages migration on a database the previous version filled: every published text moves,
 * unchanged, into its author's account language (organizations, councils and hearing venues into the
 * language their letters show), lists keep their order, document links and hashes are untouched,
 * remarks get their author's language, the search finds the moved texts, the entities read the rows,
 * and down() then up() again keeps every text.
 */
/** StateLanguages and every migration after it, by name, in order. */
const SINCE_STATE_LANGUAGES = MIGRATIONS.slice(MIGRATIONS.indexOf(StateLanguages1796200000000)).map((M) => new M().name);

describe('migration StateLanguages on data of the previous version', () => {
  let url: string;
  let db: DataSource;
  let ids: Ids;

  beforeAll(async () => {
    url = await createEmptyDatabase();
    const previous = MIGRATIONS.slice(0, MIGRATIONS.indexOf(AnswersThatCount1796145835067) + 1);
    const old = new DataSource(dataSourceOptions(url, { migrations: previous, extra: { max: 2 } }));
    await old.initialize();
    try {
      await old.runMigrations({ transaction: 'each' });
      ids = await fillPreviousVersion(old);
    } finally {
      await old.destroy();
    }
    db = new DataSource(dataSourceOptions(url, { entities: ENTITIES, extra: { max: 2 } }));
    await db.initialize();
    const applied = await db.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(SINCE_STATE_LANGUAGES);
  });

  afterAll(async () => {
    await db?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('moves every text into its author’s language without loss; the search finds them', async () => {
    await expectMoved(db, ids);
  });

  it('tells a text’s language by its letters: one Kazakh letter in a Russian address is not Kazakh', async () => {
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(DETECT_FUNCTION);
      const samples = {
        'Прошу проверить пандус у входа: ул. Әуезова, 5.': 'ru',
        'г. Алматы, ул. Әуезова, 5': 'ru',
        'Мектеп ғимаратының шатырын жөндеу': 'kk',
        'Ас мәзіріне жергілікті фермерлердің сүт өнімдерін қосуды ұсынамын.': 'kk',
        Иә: 'kk',
        'Шарт жобасы': 'ru', // Kazakh without its own letters cannot be told from Russian
        'Please publish the menu.': 'en',
        '12345': 'en',
      };
      for (const [text, lang] of Object.entries(samples)) {
        const [row] = (await runner.query('SELECT talqylau_detect_language($1) AS lang', [text])) as { lang: string }[];
        expect([text, row.lang]).toEqual([text, lang]);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('leaves the schema the entities declare (nothing for migration:generate)', async () => {
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('the entities read the moved rows as LocalizedText', async () => {
    const plan = await db.getRepository(Plan).findOneByOrFail({ id: ids.plans.kk });
    expect(plan.title).toBeInstanceOf(LocalizedText);
    expect(plan.title.get('kk')).toBe(OLD.plans.kk.title);
    expect(plan.title.pick('ru')).toMatchObject({ text: OLD.plans.kk.title, lang: 'kk', fallback: true });
    expect(plan.description.get('kk')).toBe(OLD.plans.kk.description);
    expect((await db.getRepository(Plan).findOneByOrFail({ id: ids.plans.ru })).deliveryPlace).toBeNull();
    const org = await db.getRepository(Organization).findOneByOrFail({ id: ids.organizations.en });
    expect(org.name.get('en')).toBe(OLD.organizations.en.name);
    expect((await db.getRepository(Council).findOneByOrFail({ id: ids.councils.kk })).name.languages()).toEqual(['kk']);
    const hearing = await db.getRepository(Hearing).findOneByOrFail({ id: ids.hearings.en });
    expect(hearing.venue.get('ru')).toBe(OLD.organizations.ru.address);
    expect(hearing.room).toBeNull();
    const protocol = await db.getRepository(Protocol).findOneByOrFail({ id: ids.protocols.kk });
    expect(protocol.speakers.map((s) => s?.get('kk'))).toEqual(OLD.protocol.speakers);
    expect(protocol.questions.map((q) => [q.question.get('kk'), q.answer?.get('kk')])).toEqual(
      OLD.protocol.questions.map((q) => [q.question, q.answer]),
    );
    const notice = await db.getRepository(Notice).findOneByOrFail({ id: ids.notices.ru });
    expect(notice.documents.map((d) => d.title.get('ru'))).toEqual(OLD.documents.ru);
    const answer = await db.getRepository(Answer).findOneByOrFail({ id: ids.answers.kk2 });
    expect(answer.correctionReason!.get('kk')).toBe(OLD.answers.kkReason);
    const response = await db.getRepository(RecommendationResponse).findOneByOrFail({ id: ids.responses.v2 });
    expect(response.text.get('kk')).toBe(OLD.responses.v2);
    expect((await db.getRepository(Outcome).findOneByOrFail({ id: ids.outcomes.ru })).summary.get('ru')).toBe(OLD.outcomes.ru);
    expect((await db.getRepository(Remark).findOneByOrFail({ id: ids.remarks.en })).language).toBe('en');
  });

  it('down() gives back every text as it was written; up() again moves them the same way', async () => {
    // the later migrations first, then StateLanguages itself
    for (let i = 0; i < SINCE_STATE_LANGUAGES.length; i++) await db.undoLastMigration({ transaction: 'each' });
    const plan = await one<Record<string, unknown>>(db, `SELECT title, description, delivery_place FROM plans WHERE id = $1`, [
      ids.plans.kk,
    ]);
    expect(plan).toEqual({ title: OLD.plans.kk.title, description: OLD.plans.kk.description, delivery_place: OLD.plans.kk.deliveryPlace });
    const org = await one<Record<string, unknown>>(db, `SELECT name, address FROM organizations WHERE id = $1`, [ids.organizations.en]);
    expect(org).toEqual(OLD.organizations.en);
    const protocol = await one<Record<string, unknown>>(
      db,
      `SELECT speakers, positions, questions, decisions, summary FROM protocols WHERE id = $1`,
      [ids.protocols.kk],
    );
    const { correction: _, ...lists } = OLD.protocol;
    expect(protocol).toEqual(lists);
    const notice = await one<{ documents: { title: string }[] }>(db, `SELECT documents FROM notices WHERE id = $1`, [ids.notices.ru]);
    expect(notice.documents.map((d) => d.title)).toEqual(OLD.documents.ru);
    const columns = await db.query<{ table_name: string; column_name: string; data_type: string }[]>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()
        AND (table_name, column_name) IN (('plans','title'), ('answers','body'), ('remarks','language'), ('hearings','room'))`,
    );
    expect(columns.map((c) => `${c.table_name}.${c.column_name} ${c.data_type}`).sort()).toEqual([
      'answers.body text',
      'hearings.room character varying',
      'plans.title character varying',
    ]);
    // the previous search still works on the texts given back
    const found = await db.query<
      {
        id: string;
      }[]
    >(`SELECT id FROM plans WHERE search_vector @@ websearch_to_tsquery('russian', 'учебник')`);
    expect(found.map((r) => r.id)).toEqual([ids.plans.ru]);

    const again = await db.runMigrations({ transaction: 'each' });
    expect(again.map((m) => m.name)).toEqual(SINCE_STATE_LANGUAGES);
    await expectMoved(db, ids);
    expect((await db.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
