import type { OrganizationStatistics, Statistics } from '../../outcomes/statistics';
import { share } from '../../outcomes/statistics';
import { intlLocale } from '../format';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { texts, type Catalogue } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import type { PageContext } from '../layout';
import { layout } from '../layout';
import { localizedInline } from '../localized';

export interface StatisticsData {
  total: Statistics;
  organizations: OrganizationStatistics[];
}

type Figure =
  | 'figReceived'
  | 'figAnswered'
  | 'figOnTime'
  | 'figMedian'
  | 'figHearings'
  | 'figRecommendations'
  | 'figFormalByAuthors'
  | 'figFormalAuthors'
  | 'figFormalByCouncil'
  | 'figCommitments'
  | 'figImplemented'
  | 'figConfirmed'
  | 'figDisputed';
/** Answers and the procedure's deadlines. */
const FIGURES: readonly Figure[] = ['figReceived', 'figAnswered', 'figOnTime', 'figMedian', 'figHearings', 'figRecommendations'];
/** Answers that count: formal answers and commitments. */
const SUBSTANCE: readonly Figure[] = [
  'figFormalByAuthors',
  'figFormalAuthors',
  'figFormalByCouncil',
  'figCommitments',
  'figImplemented',
  'figConfirmed',
  'figDisputed',
];
/** How each figure is counted, in the order of the tables. */
const NOTES: readonly [Figure, keyof Catalogue['pages']['citizen']][] = [
  ['figAnswered', 'noteAnswered'],
  ['figOnTime', 'noteOnTime'],
  ['figMedian', 'noteMedian'],
  ['figHearings', 'noteHearings'],
  ['figRecommendations', 'noteRecommendations'],
  ['figFormalByAuthors', 'noteFormalByAuthors'],
  ['figFormalAuthors', 'noteFormalAuthors'],
  ['figFormalByCouncil', 'noteFormalByCouncil'],
  ['figCommitments', 'noteCommitments'],
  ['figImplemented', 'noteImplemented'],
  ['figConfirmed', 'noteConfirmed'],
  ['figDisputed', 'noteDisputed'],
];

/** "75 % (3 of 4)", or "—" when there is nothing to count. */
function shareText(ctx: PageContext, c: Catalogue['pages']['citizen'], share: number | null, n: number, total: number): string {
  if (share === null) return c.noData;
  const percent = new Intl.NumberFormat(intlLocale(ctx.locale), { style: 'percent', maximumFractionDigits: 1 }).format(share);
  return interpolate(c.shareOf, { share: percent, n, total });
}

/** "20 h", or "3 d 4 h" from two days on. */
function durationText(ctx: PageContext, c: Catalogue['pages']['citizen'], hours: number | null): string {
  if (hours === null) return c.noData;
  if (hours < 48)
    return interpolate(c.hours, { n: new Intl.NumberFormat(intlLocale(ctx.locale), { maximumFractionDigits: 1 }).format(hours) });
  const whole = Math.round(hours);
  return interpolate(c.days, { d: Math.floor(whole / 24), h: whole % 24 });
}

function values(ctx: PageContext, c: Catalogue['pages']['citizen'], s: Statistics): Record<Figure, string> {
  const r = s.remarks;
  const count = (n: number) => new Intl.NumberFormat(intlLocale(ctx.locale)).format(n);
  /** n of the answered remarks, or of the commitments. */
  const ofAnswered = (n: number) => shareText(ctx, c, share(n, r.answered), n, r.answered);
  const ofCommitments = (n: number) => shareText(ctx, c, share(n, s.commitments), n, s.commitments);
  return {
    figReceived: count(r.received),
    figAnswered: shareText(ctx, c, r.answeredShare, r.answered, r.received),
    figOnTime: shareText(ctx, c, r.answeredOnTimeShare, r.answeredOnTime, r.received),
    figMedian: durationText(ctx, c, r.medianAnswerHours),
    figHearings: shareText(ctx, c, s.hearings.heldOnTimeShare, s.hearings.heldOnTime, s.hearings.due),
    figRecommendations: shareText(ctx, c, s.recommendations.acceptedShare, s.recommendations.accepted, s.recommendations.responded),
    figFormalByAuthors: ofAnswered(s.answersFormalByAuthors),
    figFormalAuthors: count(s.answersFormalByAuthorsDistinctAuthors),
    figFormalByCouncil: ofAnswered(s.answersFormalByCouncil),
    figCommitments: count(s.commitments),
    figImplemented: ofCommitments(s.commitmentsImplemented),
    figConfirmed: ofCommitments(s.commitmentsConfirmed),
    figDisputed: ofCommitments(s.commitmentsDisputed),
  };
}

/** The figures of everyone together: a row per figure. */
function totalTable(
  c: Catalogue['pages']['citizen'],
  id: string,
  caption: string,
  figures: readonly Figure[],
  v: Record<Figure, string>,
): SafeHtml {
  return html`<table class="data" id="${id}">
  <caption>${caption}</caption>
  <thead><tr><th scope="col">${c.colFigure}</th><th scope="col">${c.colValue}</th></tr></thead>
  <tbody>${figures.map((f) => html`<tr><th scope="row">${c[f]}</th><td>${v[f]}</td></tr>`)}</tbody>
</table>`;
}

/** The figures of each organizer: a row per organizer, a column per figure (scrolls sideways on a phone). */
function organizersTable(
  ctx: PageContext,
  c: Catalogue['pages']['citizen'],
  id: string,
  caption: string,
  figures: readonly Figure[],
  organizations: OrganizationStatistics[],
): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-labelledby="${id}-caption" tabindex="0">
<table class="data" id="${id}">
  <caption id="${id}-caption">${caption}</caption>
  <thead><tr><th scope="col">${c.colOrganizer}</th>${figures.map((f) => html`<th scope="col">${c[f]}</th>`)}</tr></thead>
  <tbody>${organizations.map((o) => {
    const v = values(ctx, c, o);
    return html`<tr><th scope="row"><a href="/?org=${o.organizationId}">${localizedInline(o.organizationName, ctx.locale)}</a></th>${figures.map((f) => html`<td>${v[f]}</td>`)}</tr>`;
  })}</tbody>
</table>
</div>`;
}

export function statisticsPage(ctx: PageContext, data: StatisticsData): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  const total = values(ctx, c, data.total);
  const body = html`<h1>${c.statsTitle}</h1>
<p>${c.statsIntro}</p>
<h2 id="all">${c.statsAll}</h2>
${totalTable(c, 'stats-total', c.statsAllCaption, FIGURES, total)}
${totalTable(c, 'stats-total-substance', c.statsSubstanceAllCaption, SUBSTANCE, total)}
<h2 id="by-organizer">${c.statsByOrganizer}</h2>
${
  data.organizations.length === 0
    ? html`<p>${c.statsNoOrganizers}</p>`
    : html`${organizersTable(ctx, c, 'stats-organizers', c.statsByOrganizerCaption, FIGURES, data.organizations)}
${organizersTable(ctx, c, 'stats-organizers-substance', c.statsSubstanceByOrganizerCaption, SUBSTANCE, data.organizations)}`
}
<h2 id="notes">${c.statsNotes}</h2>
<dl class="facts">
  ${NOTES.map(([figure, note]) => html`<dt>${c[figure]}</dt><dd>${c[note]}</dd>`)}
</dl>
<p class="meta">${c.noteNoData}</p>`;
  return layout(ctx, { title: c.statsTitle, description: ctx.t.meta.statistics, body });
}
