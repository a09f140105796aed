import type { OrganizationStatistics, Statistics } from '../../outcomes/statistics';
import { intlLocale } from '../format';
import type { SafeHtml } from '../html';
import { html } from '../html';
import { texts, type Catalogue } from '../../common/i18n/catalogue';
import { interpolate } from '../../common/i18n/locale';
import type { PageContext } from '../layout';
import { layout } from '../layout';

export interface StatisticsData {
  total: Statistics;
  organizations: OrganizationStatistics[];
}

type Figure = 'figReceived' | 'figAnswered' | 'figOnTime' | 'figMedian' | 'figHearings' | 'figRecommendations';
const FIGURES: readonly Figure[] = ['figReceived', 'figAnswered', 'figOnTime', 'figMedian', 'figHearings', 'figRecommendations'];

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
  return {
    figReceived: new Intl.NumberFormat(intlLocale(ctx.locale)).format(r.received),
    figAnswered: shareText(ctx, c, r.answeredShare, r.answered, r.received),
    figOnTime: shareText(ctx, c, r.answeredOnTimeShare, r.answeredOnTime, r.received),
    figMedian: durationText(ctx, c, r.medianAnswerHours),
    figHearings: shareText(ctx, c, s.hearings.heldOnTimeShare, s.hearings.heldOnTime, s.hearings.due),
    figRecommendations: shareText(ctx, c, s.recommendations.acceptedShare, s.recommendations.accepted, s.recommendations.responded),
  };
}

export function statisticsPage(ctx: PageContext, data: StatisticsData): SafeHtml {
  const c = texts(ctx.locale).pages.citizen;
  const total = values(ctx, c, data.total);
  const body = html`<h1>${c.statsTitle}</h1>
<p>${c.statsIntro}</p>
<h2 id="all">${c.statsAll}</h2>
<table class="data" id="stats-total">
  <caption>${c.statsAllCaption}</caption>
  <thead><tr><th scope="col">${c.colFigure}</th><th scope="col">${c.colValue}</th></tr></thead>
  <tbody>${FIGURES.map((f) => html`<tr><th scope="row">${c[f]}</th><td>${total[f]}</td></tr>`)}</tbody>
</table>
<h2 id="by-organizer">${c.statsByOrganizer}</h2>
${
  data.organizations.length === 0
    ? html`<p>${c.statsNoOrganizers}</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="stats-organizers-caption" tabindex="0">
<table class="data" id="stats-organizers">
  <caption id="stats-organizers-caption">${c.statsByOrganizerCaption}</caption>
  <thead><tr><th scope="col">${c.colOrganizer}</th>${FIGURES.map((f) => html`<th scope="col">${c[f]}</th>`)}</tr></thead>
  <tbody>${data.organizations.map((o) => {
    const v = values(ctx, c, o);
    return html`<tr><th scope="row"><a href="/?org=${o.organizationId}">${o.organizationName}</a></th>${FIGURES.map((f) => html`<td>${v[f]}</td>`)}</tr>`;
  })}</tbody>
</table>
</div>`
}
<h2 id="notes">${c.statsNotes}</h2>
<dl class="facts">
  <dt>${c.figAnswered}</dt><dd>${c.noteAnswered}</dd>
  <dt>${c.figOnTime}</dt><dd>${c.noteOnTime}</dd>
  <dt>${c.figMedian}</dt><dd>${c.noteMedian}</dd>
  <dt>${c.figHearings}</dt><dd>${c.noteHearings}</dd>
  <dt>${c.figRecommendations}</dt><dd>${c.noteRecommendations}</dd>
</dl>
<p class="meta">${c.noteNoData}</p>`;
  return layout(ctx, { title: c.statsTitle, body });
}
