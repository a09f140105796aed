import type { Locale } from '../common/i18n/locale';
import { interpolate } from '../common/i18n/locale';
import type { LocalizedText } from '../common/i18n/localized-text';
import type { NoticeView } from '../documentation/documentation.service';
import type { ProtocolVersionView } from '../hearings/hearing-view';
import type { OutcomeView } from '../outcomes/report';
import type { ProcedureAfterHearing } from '../plan-record/plan-record';
import type { RecommendationView, ReviewView } from '../reviews/reviews.service';
import { timeTag } from './format';
import type { SafeHtml } from './html';
import { html, htmlMessage } from './html';
import { texts, type Catalogue } from '../common/i18n/catalogue';
import type { PageContext } from './layout';
import { conclusionFindingLine, formalAnswersSection } from './formal-answers';
import { localizedBlock, localizedInline } from './localized';
import { reportCsvHref } from './report-csv-link';

/** The steps after the hearing, as GET /plans/{id} shows them (procedureAfterHearing in src/plan-record/plan-record.ts). */
export type ProcedureDetails = ProcedureAfterHearing;

interface Versioned {
  version: number;
  publishedAt: string;
  correctionReason: LocalizedText | null;
}

/** "Version n · published …" and the reason of a correction. */
function versionLine(m: Catalogue['pages']['plan'], v: Versioned, tz: string, locale: Locale, late = false): SafeHtml {
  return html`<p class="meta">${v.version > 1 ? html`${interpolate(m.version, { n: v.version })} · ` : ''}${htmlMessage(m.publishedOn, { time: timeTag(v.publishedAt, tz, locale) })}${late ? html` <span class="badge late">${m.publishedLate}</span>` : ''}</p>
  ${v.correctionReason ? html`<p class="meta">${correctionReason(m, v.correctionReason, locale)}</p>` : ''}`;
}

/** "Reason for the correction: …" with the reason in the reader's language (a fallback marked with its language). */
function correctionReason(m: Catalogue['pages']['plan'], reason: LocalizedText, locale: Locale): SafeHtml {
  const [before, after = ''] = m.correctionReason.split('{reason}');
  return html`${before}${localizedInline(reason, locale)}${after}`;
}

/** Earlier versions stay public: a correction never replaces the original. */
function history<T extends Versioned>(m: Catalogue['pages']['plan'], versions: T[], render: (v: T) => SafeHtml): SafeHtml | '' {
  const earlier = versions.slice(0, -1).reverse();
  if (earlier.length === 0) return '';
  return html`<details class="history"><summary>${interpolate(m.earlierVersions, { n: earlier.length })}</summary>
    ${earlier.map((v) => html`<div class="version">${render(v)}</div>`)}</details>`;
}

function lines(items: LocalizedText[], locale: Locale): SafeHtml {
  return html`<ul>${items.map((s) => localizedBlock(s, locale, 'li'))}</ul>`;
}

function protocolBody(ctx: PageContext, m: Catalogue['pages']['plan'], p: ProtocolVersionView, tz: string): SafeHtml {
  return html`${versionLine(m, p, tz, ctx.locale, p.late)}
  <dl class="facts"><dt>${m.attendees}</dt><dd>${p.attendeesCount}</dd></dl>
  ${p.speakers.length ? html`<h3>${m.speakers}</h3>${lines(p.speakers, ctx.locale)}` : ''}
  ${p.questions.length ? html`<h3>${m.questions}</h3><dl>${p.questions.map((q) => html`<dt>${localizedInline(q.question, ctx.locale)}</dt>${localizedBlock(q.answer, ctx.locale, 'dd')}`)}</dl>` : ''}
  <h3>${m.summary}</h3>${localizedBlock(p.summary, ctx.locale, 'p', 'body')}
  ${p.decisions.length ? html`<h3>${m.decisions}</h3>${lines(p.decisions, ctx.locale)}` : ''}`;
}

function recommendation(ctx: PageContext, m: Catalogue['pages']['plan'], r: RecommendationView, tz: string): SafeHtml {
  const due = timeTag(r.responseDueAt, tz, ctx.locale);
  return html`<li class="recommendation" id="recommendation-${r.id}">${localizedBlock(r.text, ctx.locale, 'p', 'body')}
    ${
      r.response
        ? html`<div class="answer"><p><strong>${r.response.accepted ? m.responseAccepted : m.responseRejected}</strong></p>
          ${versionLine(m, r.response, tz, ctx.locale, r.response.late)}${localizedBlock(r.response.text, ctx.locale, 'p', 'body')}</div>`
        : html`<p class="${r.overdue ? 'pending overdue' : 'pending'}">${htmlMessage(r.overdue ? m.responseOverdue : m.responseDue, { time: due })}</p>`
    }</li>`;
}

function reviewSection(ctx: PageContext, m: Catalogue['pages']['plan'], review: ReviewView, tz: string, now: Date): SafeHtml {
  const c = review.conclusion;
  return html`<h2 id="review">${m.review}</h2>
  ${!c && review.closesAt && new Date(review.closesAt).getTime() >= now.getTime() ? html`<p>${htmlMessage(m.reviewUntil, { time: timeTag(review.closesAt, tz, ctx.locale) })}</p>` : ''}
  ${
    c
      ? html`<h3>${m.conclusion}</h3>
      <p><strong>${m.result[c.result] ?? c.result}</strong></p>
      <p>${interpolate(m.tally, { positions: c.positionsCount, members: c.membersCount, endorse: c.counts.endorse, withRecs: c.counts.endorse_with_recommendations, object: c.counts.object })}</p>
      <p>${c.quorum ? m.quorum : m.noQuorum}</p>
      <p class="meta">${htmlMessage(m.closedBy[c.closedBy] ?? '', { time: timeTag(c.closedAt, tz, ctx.locale) })}</p>
      ${conclusionFindingLine(ctx, review)}`
      : ''
  }
  <h3>${m.positions}</h3>
  ${
    review.positions.length === 0
      ? html`<p>${m.noPositions}</p>`
      : html`<ol class="positions">${review.positions.map(
          (p) => html`<li class="position"><p><strong>${p.memberName}</strong>: ${m.position[p.position] ?? p.position}
            <span class="meta">${timeTag(p.createdAt, tz, ctx.locale)}</span></p>
          ${localizedBlock(p.text, ctx.locale, 'p', 'body')}
          ${p.recommendations.length ? html`<h4>${m.recommendations}</h4><ol>${p.recommendations.map((r) => recommendation(ctx, m, r, tz))}</ol>` : ''}</li>`,
        )}</ol>`
  }
  ${formalAnswersSection(ctx, review, tz, (remarkId) => `#remark-${remarkId}`)}`;
}

function noticeSection(ctx: PageContext, m: Catalogue['pages']['plan'], notice: NoticeView, tz: string): SafeHtml {
  const body = (n: NoticeView | NoticeView['versions'][number]) => html`${versionLine(m, n, tz, ctx.locale)}
    <dl class="facts"><dt>${m.noticeNumber}</dt><dd>${n.noticeNumber}</dd></dl>
    <h3>${m.documents}</h3>
    <ul class="documents">${n.documents.map(
      (
        d,
      ) => html`<li><a href="${/^https:\/\//i.test(d.url) ? d.url : '#'}" rel="noopener noreferrer">${localizedInline(d.title, ctx.locale)}</a>
        <br><span class="meta">${m.checksum}: <code class="checksum">${d.sha256}</code></span></li>`,
    )}</ul>`;
  return html`<h2 id="notice">${m.notice}</h2>${body(notice)}${history(m, notice.versions, body)}`;
}

function outcomeSection(ctx: PageContext, m: Catalogue['pages']['plan'], outcome: OutcomeView, tz: string, planId: string): SafeHtml {
  const body = (o: OutcomeView | OutcomeView['versions'][number]) => html`<p><strong>${m.decision[o.decision] ?? o.decision}</strong></p>
    ${versionLine(m, o, tz, ctx.locale)}${localizedBlock(o.summary, ctx.locale, 'p', 'body')}`;
  return html`<h2 id="outcome">${m.outcome}</h2>${body(outcome)}${history(m, outcome.versions, body)}
    <p>${m.report}: <a href="${reportCsvHref(planId, ctx.locale)}" download>${m.reportCsv}</a> · <a href="/api/v1/plans/${planId}/report">${m.reportJson}</a></p>`;
}

/** Protocol, council review, notice and outcome of a plan, each with its public history. */
export function procedureSections(ctx: PageContext, details: ProcedureDetails, tz: string, planId: string, now: Date): SafeHtml {
  const m = texts(ctx.locale).pages.plan;
  const { protocol, review, notice, outcome } = details;
  return html`
${
  protocol
    ? html`<h2 id="protocol">${m.protocol}</h2>${protocolBody(ctx, m, protocol, tz)}
    ${history(m, protocol.versions, (v) => protocolBody(ctx, m, v, tz))}`
    : ''
}
${review ? reviewSection(ctx, m, review, tz, now) : ''}
${notice ? noticeSection(ctx, m, notice, tz) : ''}
${outcome ? outcomeSection(ctx, m, outcome, tz, planId) : ''}`;
}
