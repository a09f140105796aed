import { DateTime } from 'luxon';
import { everyLocale } from '../common/i18n/every-locale';
import type { Localized } from '../common/i18n/locale';
import { isWindowOpen } from '../procedure/deadlines';
import type { Plan } from '../plans/plan.entity';

export type RemarkWindow = { open: true; stage: 1 | 2 } | { open: false; detail: Localized };

function at(instant: Date, tz: string): string {
  return `${DateTime.fromJSDate(instant, { zone: tz }).toFormat('yyyy-MM-dd HH:mm')} (${tz})`;
}

/**
 * Which stage, if any, accepts a remark at `now` (both bounds inclusive), judged only from the
 * plan's stored timestamps; when none does, a localized reason for WINDOW_CLOSED.
 */
export function remarkWindow(
  plan: Pick<Plan, 'publishedAt' | 'stage1ClosesAt' | 'stage2OpensAt' | 'stage2ClosesAt' | 'outcomePublishedAt'>,
  now: Date,
  tz: string,
): RemarkWindow {
  if (plan.publishedAt && plan.stage1ClosesAt && isWindowOpen(now, plan.publishedAt, plan.stage1ClosesAt)) return { open: true, stage: 1 };
  if (!plan.outcomePublishedAt && plan.stage2OpensAt && plan.stage2ClosesAt && isWindowOpen(now, plan.stage2OpensAt, plan.stage2ClosesAt)) {
    return { open: true, stage: 2 };
  }
  if (!plan.publishedAt || !plan.stage1ClosesAt) {
    return { open: false, detail: everyLocale((t) => t.remarks.windowClosed.notPublished) };
  }
  if (plan.stage2ClosesAt && now.getTime() > plan.stage2ClosesAt.getTime()) {
    const p = { at: at(plan.stage2ClosesAt, tz) };
    return { open: false, detail: everyLocale((t) => t.remarks.windowClosed.stage2Closed(p)) };
  }
  if (plan.stage2OpensAt && now.getTime() < plan.stage2OpensAt.getTime()) {
    const p = { at: at(plan.stage2OpensAt, tz) };
    return { open: false, detail: everyLocale((t) => t.remarks.windowClosed.stage2Opens(p)) };
  }
  const p = { at: at(plan.stage1ClosesAt, tz) };
  return { open: false, detail: everyLocale((t) => t.remarks.windowClosed.stage1Closed(p)) };
}

/**
 * Is an answer published at `now` late? After the remark's answer deadline, or (stage 1) after the
 * hearing (scheduled, not cancelled) started.
 */
export function isAnswerLate(remark: { answerDueAt: Date; stage: number }, now: Date, hearingStartsAt: Date | null): boolean {
  if (now.getTime() > remark.answerDueAt.getTime()) return true;
  return remark.stage === 1 && hearingStartsAt !== null && now.getTime() >= hearingStartsAt.getTime();
}
