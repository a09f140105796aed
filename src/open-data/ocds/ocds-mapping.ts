import { texts } from '../../common/i18n/catalogue';
import type { Locale } from '../../common/i18n/locale';
import { LOCALES } from '../../common/i18n/locale';
import type { LocalizedText } from '../../common/i18n/localized-text';
import type { ProcurementMethod } from '../../plans/plan.entity';
import type { OcdsEnquiry, OcdsObject, OcdsRelease } from './ocds.types';

/**
 * Pure builders of OCDS 1.1 releases, one per event of a plan's procedure (api.md "Open data and
 * integration"). Each release carries only what its event changed: OCDS merges objects in arrays by
 * `id`, so a compiled release of the plan has every milestone, document and enquiry without any
 * release repeating them.
 */

/** The default language of the releases: the state language; translations are `_kk`, `_ru`, `_en` copies. */
export const OCDS_LANGUAGE: Locale = 'kk';

export interface OcdsPlanFacts {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  subjectCode: string;
  amount: number;
  method: ProcurementMethod;
  plannedQuarter: string | null;
  deliveryPlace: LocalizedText | null;
  publishedAt: Date;
  stage1ClosesAt: Date | null;
  organization: { name: LocalizedText; bin: string };
}

export interface OcdsContext {
  ocid: string;
  planId: string;
  /** The plan's public page (documents link to it). */
  planUrl: string;
}

/** `{field: default, field_kk, field_ru, field_en}` of a text; nothing when the text is absent. */
export function localizedFields(field: string, text: LocalizedText | null): OcdsObject {
  if (!text) return {};
  const out: OcdsObject = { [field]: text.text(OCDS_LANGUAGE) };
  for (const lang of LOCALES) {
    const version = text.get(lang);
    if (version !== null) out[`${field}_${lang}`] = version;
  }
  return out;
}

/** A milestone's or document's title from the catalogues, in every language. */
function catalogueTitle(pick: (t: ReturnType<typeof texts>) => string): OcdsObject {
  const out: OcdsObject = { title: pick(texts(OCDS_LANGUAGE)) };
  for (const lang of LOCALES) out[`title_${lang}`] = pick(texts(lang));
  return out;
}

/** OCDS `procurementMethod`: direct for a single source, open otherwise; the Kazakh method name as the details. */
export function procurementMethodOf(method: ProcurementMethod): { procurementMethod: 'direct' | 'open'; procurementMethodDetails: string } {
  return {
    procurementMethod: method === 'single_source' ? 'direct' : 'open',
    procurementMethodDetails: texts('kk').pages.common.methods[method],
  };
}

/** The organization's party id: its BIN in the KZ-BIN scheme. */
export function partyId(bin: string): string {
  return `KZ-BIN-${bin}`;
}

function base(ctx: OcdsContext, eventKey: string, date: Date, tag: string): OcdsRelease {
  return {
    ocid: ctx.ocid,
    id: `${ctx.ocid}-${eventKey}`,
    date: date.toISOString(),
    tag: [tag],
    language: OCDS_LANGUAGE,
    initiationType: 'tender',
  };
}

const iso = (date: Date | null) => (date ? date.toISOString() : undefined);

/** Publication: the plan as `planning` and `tender` (status planning), the organization as buyer and procuring entity. */
export function publicationRelease(ctx: OcdsContext, plan: OcdsPlanFacts): OcdsRelease {
  const org = plan.organization;
  const orgRef = { id: partyId(org.bin), name: org.name.text(OCDS_LANGUAGE) };
  const value = { amount: plan.amount, currency: 'KZT' };
  return {
    ...base(ctx, 'published', plan.publishedAt, 'planning'),
    parties: [
      {
        ...orgRef,
        ...localizedFields('name', org.name),
        identifier: { scheme: 'KZ-BIN', id: org.bin, legalName: org.name.text(OCDS_LANGUAGE) },
        roles: ['buyer', 'procuringEntity'],
      },
    ],
    buyer: orgRef,
    planning: {
      budget: { amount: value, ...(plan.plannedQuarter ? { description: plan.plannedQuarter } : {}) },
      documents: [
        {
          id: 'plan',
          documentType: 'procurementPlan',
          ...catalogueTitle((t) => t.openData.ocds.planPage),
          url: ctx.planUrl,
          datePublished: plan.publishedAt.toISOString(),
          format: 'text/html',
        },
      ],
    },
    tender: {
      id: plan.id,
      ...localizedFields('title', plan.title),
      ...localizedFields('description', plan.description),
      status: 'planning',
      procuringEntity: orgRef,
      items: [
        {
          id: '1',
          ...localizedFields('description', plan.title),
          classification: { scheme: 'KZ-ENSTRU', id: plan.subjectCode },
          ...(plan.deliveryPlace
            ? { deliveryAddresses: [{ ...localizedFields('locality', plan.deliveryPlace), countryName: 'Kazakhstan' }] }
            : {}),
        },
      ],
      value,
      ...procurementMethodOf(plan.method),
      ...(plan.stage1ClosesAt
        ? { enquiryPeriod: { startDate: plan.publishedAt.toISOString(), endDate: plan.stage1ClosesAt.toISOString() } }
        : {}),
      hasEnquiries: false,
    },
  };
}

export interface OcdsHearingChange {
  action: 'scheduled' | 'rescheduled' | 'cancelled';
  sequence: number;
  startsAt: Date;
  createdAt: Date;
  venue: LocalizedText;
  room: LocalizedText | null;
}

/** Hearing scheduled, moved or cancelled: the `hearing` milestone of the planning (type engagement). */
export function hearingRelease(ctx: OcdsContext, change: OcdsHearingChange): OcdsRelease {
  return {
    ...base(ctx, `hearing-${change.sequence}`, change.createdAt, 'planningUpdate'),
    planning: {
      milestones: [
        {
          id: 'hearing',
          type: 'engagement',
          code: `hearing${change.action[0].toUpperCase()}${change.action.slice(1)}`,
          ...catalogueTitle((t) => t.openData.ocds.hearing),
          ...localizedFields('description', change.room ?? change.venue),
          dueDate: change.startsAt.toISOString(),
          dateModified: change.createdAt.toISOString(),
          status: change.action === 'cancelled' ? 'notMet' : 'scheduled',
        },
      ],
    },
  };
}

export interface OcdsProtocol {
  version: number;
  publishedAt: Date;
  firstPublishedAt: Date;
  summary: LocalizedText;
  /** When the hearing it records started. */
  hearingAt: Date | null;
}

/** The hearing's protocol (version 1) or its correction: a `hearingNotice` document; the hearing milestone met. */
export function protocolRelease(ctx: OcdsContext, protocol: OcdsProtocol): OcdsRelease {
  return {
    ...base(ctx, `protocol-${protocol.version}`, protocol.publishedAt, 'planningUpdate'),
    planning: {
      documents: [
        {
          id: 'protocol',
          documentType: 'hearingNotice',
          ...catalogueTitle((t) => t.openData.ocds.protocol),
          ...localizedFields('description', protocol.summary),
          url: `${ctx.planUrl}#protocol`,
          datePublished: protocol.firstPublishedAt.toISOString(),
          dateModified: protocol.publishedAt.toISOString(),
          format: 'text/html',
        },
      ],
      milestones: [{ id: 'hearing', status: 'met', dateMet: iso(protocol.hearingAt), dateModified: protocol.publishedAt.toISOString() }],
    },
  };
}

/** The council's conclusion on the protocol: the `councilReview` milestone (type approval), met, with its result as code. */
export function conclusionRelease(ctx: OcdsContext, conclusion: { closedAt: Date; result: string }): OcdsRelease {
  return {
    ...base(ctx, 'conclusion', conclusion.closedAt, 'planningUpdate'),
    planning: {
      milestones: [
        {
          id: 'councilReview',
          type: 'approval',
          code: conclusion.result,
          ...catalogueTitle((t) => t.openData.ocds.councilReview),
          dateMet: conclusion.closedAt.toISOString(),
          dateModified: conclusion.closedAt.toISOString(),
          status: 'met',
        },
      ],
    },
  };
}

export interface OcdsNotice {
  version: number;
  noticeNumber: string;
  publishedAt: Date;
  firstPublishedAt: Date;
  documents: { title: LocalizedText; url: string; sha256: string }[];
}

/** The document id of a notice document: its content's hash, so one file is one document across corrections. */
export function noticeDocumentId(sha256: string): string {
  return `doc-${sha256.slice(0, 16)}`;
}

/** The notice (`tender`) or its correction (`tenderUpdate`): the notice and its documentation as tender documents. */
export function noticeRelease(ctx: OcdsContext, notice: OcdsNotice): OcdsRelease {
  return {
    ...base(ctx, `notice-${notice.version}`, notice.publishedAt, notice.version === 1 ? 'tender' : 'tenderUpdate'),
    tender: {
      id: ctx.planId,
      status: 'active',
      datePublished: notice.firstPublishedAt.toISOString(),
      documents: [
        {
          id: 'notice',
          documentType: 'tenderNotice',
          ...catalogueTitle((t) => t.openData.ocds.notice),
          description: notice.noticeNumber,
          url: `${ctx.planUrl}#notice`,
          datePublished: notice.firstPublishedAt.toISOString(),
          dateModified: notice.publishedAt.toISOString(),
          format: 'text/html',
        },
        ...notice.documents.map((doc) => ({
          id: noticeDocumentId(doc.sha256),
          documentType: 'biddingDocuments',
          ...localizedFields('title', doc.title),
          description: `SHA-256: ${doc.sha256}`,
          url: doc.url,
          datePublished: notice.publishedAt.toISOString(),
        })),
      ],
    },
  };
}

/** Stage 2 opens: the discussion of the documentation as the tender's enquiry period and a milestone. */
export function stage2Release(ctx: OcdsContext, stage2: { opensAt: Date; closesAt: Date | null }): OcdsRelease {
  return {
    ...base(ctx, 'stage2', stage2.opensAt, 'tenderUpdate'),
    tender: {
      id: ctx.planId,
      enquiryPeriod: { startDate: stage2.opensAt.toISOString(), endDate: iso(stage2.closesAt) },
      milestones: [
        {
          id: 'stage2',
          type: 'engagement',
          ...catalogueTitle((t) => t.openData.ocds.stage2),
          dueDate: iso(stage2.closesAt),
          dateModified: stage2.opensAt.toISOString(),
          status: 'scheduled',
        },
      ],
    },
  };
}

export interface OcdsOutcome {
  version: number;
  decision: 'proceed' | 'amend' | 'cancel';
  summary: LocalizedText;
  publishedAt: Date;
  firstPublishedAt: Date;
}

/** The outcome or its correction: tender.status (cancelled when the purchase is cancelled, else active) and the report document. */
export function outcomeRelease(ctx: OcdsContext, outcome: OcdsOutcome): OcdsRelease {
  const cancelled = outcome.decision === 'cancel';
  return {
    ...base(ctx, `outcome-${outcome.version}`, outcome.publishedAt, 'tenderUpdate'),
    tender: {
      id: ctx.planId,
      status: cancelled ? 'cancelled' : 'active',
      ...(cancelled ? { finalStatus: 'cancelled', finalStatusDate: outcome.publishedAt.toISOString() } : {}),
      documents: [
        {
          id: 'outcome',
          documentType: cancelled ? 'cancellationDetails' : 'evaluationReports',
          ...catalogueTitle((t) => t.openData.ocds.outcome),
          ...localizedFields('description', outcome.summary),
          url: `${ctx.planUrl}#outcome`,
          datePublished: outcome.firstPublishedAt.toISOString(),
          dateModified: outcome.publishedAt.toISOString(),
          format: 'text/html',
        },
      ],
      milestones: [{ id: 'stage2', status: 'met', dateModified: outcome.publishedAt.toISOString() }],
    },
  };
}

/** One event about a remark: the fields of its enquiry that the event set. */
export type OcdsEnquiryEvent =
  | { kind: 'remark'; id: string; remarkId: string; at: Date; description: string | null }
  | { kind: 'answer'; id: string; remarkId: string; at: Date; answer: LocalizedText; answerLanguage: Locale }
  | { kind: 'verdict'; id: string; remarkId: string; at: Date; verdict: 'reasoned' | 'formal' }
  | { kind: 'moderation'; remarkId: string; change: 'hidden' | 'restored'; at: Date; description: string | null };

/**
 * The event's key: one release per event about a remark. A change of a remark's public state is keyed
 * by the remark, the change and when it happened (`moderation-{remarkId}-hidden-20270202T050000000Z`),
 * never by the moderator's decision: its id would say nothing public and is staff-only.
 */
export function enquiryEventKey(event: OcdsEnquiryEvent): string {
  if (event.kind === 'moderation') return `moderation-${event.remarkId}-${event.change}-${event.at.toISOString().replace(/[-:.]/g, '')}`;
  return `${event.kind}-${event.id}`;
}

/**
 * A remark, its answer (or a corrected answer), the author's verdict on the answer, or a moderation
 * decision: the remark's enquiry with only the fields the event set. Never an author: citizens'
 * names stay out. `answerVerdict` (reasoned or formal) is a field of talqylau's beyond the extension.
 * The tag is planningUpdate before the notice and tenderUpdate after.
 */
export function enquiryRelease(ctx: OcdsContext, event: OcdsEnquiryEvent, afterNotice: boolean): OcdsRelease {
  const enquiry: OcdsEnquiry = { id: event.remarkId };
  if (event.kind === 'remark') Object.assign(enquiry, { date: event.at.toISOString(), description: event.description });
  if (event.kind === 'moderation') Object.assign(enquiry, { description: event.description });
  if (event.kind === 'verdict') enquiry.answerVerdict = event.verdict;
  if (event.kind === 'answer') {
    Object.assign(enquiry, localizedFields('answer', event.answer), {
      answer: event.answer.text(event.answerLanguage),
      dateAnswered: event.at.toISOString(),
    });
  }
  return {
    ...base(ctx, enquiryEventKey(event), event.at, afterNotice ? 'tenderUpdate' : 'planningUpdate'),
    tender: { id: ctx.planId, hasEnquiries: true, enquiries: [enquiry] },
  };
}

/** A remark's text as the public reads it now: null when hidden, masked where personal data was found. */
export type PublicRemarkText = (remarkId: string) => string | null | undefined;

/** An answer text to a remark as the public reads it under the current rules (masked). */
export type PublicAnswerText = (remarkId: string, text: string) => string;

/** The answer fields of an enquiry: the answer in the remark's language and every version. */
const ANSWER_FIELDS = ['answer', ...LOCALES.map((locale) => `answer_${locale}`)] as const;

/**
 * A stored release with the current moderation state applied: every enquiry that states a description
 * gets the remark's public text now (null once hidden, masked where masked), so text a moderator hid
 * after the release was stored is never served; every answer text is masked again by the current rules,
 * so stricter masking applies to old releases too. Releases without enquiries are returned as they are.
 */
export function redactRelease(release: OcdsRelease, publicText: PublicRemarkText, publicAnswer: PublicAnswerText): OcdsRelease {
  const enquiries = release.tender?.enquiries;
  if (!enquiries) return release;
  return {
    ...release,
    tender: {
      ...release.tender!,
      enquiries: enquiries.map((enquiry) => {
        const out: OcdsEnquiry = { ...enquiry };
        if ('description' in enquiry) out.description = publicText(enquiry.id) ?? null;
        for (const field of ANSWER_FIELDS) {
          const value = enquiry[field];
          if (typeof value === 'string') out[field] = publicAnswer(enquiry.id, value);
        }
        return out;
      }),
    },
  };
}
