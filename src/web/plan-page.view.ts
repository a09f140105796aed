import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/clock';
import { CommitmentsService } from '../commitments/commitments.service';
import { AppError } from '../common/errors/app-error';
import { PlanParticipation } from './citizen/plan-participation';
import { Pages } from './page-response';
import { planPage, PlanFormState } from './plan.page';
import type { EarlierAnswerRow, RemarkRow } from './public-pages.repository';
import { PublicPagesRepository } from './public-pages.repository';
import { isVerdictOpen } from '../remarks/verdict-rules';
import { remarkReader } from '../remarks/remark-moderation';
import { VerdictsService } from '../remarks/verdicts.service';
import { CalendarService } from '../calendar/calendar.service';
import { APP_CONFIG, AppConfig } from '../config/config';
import { appealClosesAt } from '../procedure/deadlines';

/** The public plan page with its forms' state: shown by GET /plans/:id and again after a refused remark or answer. */
@Injectable()
export class PlanPageView {
  constructor(
    private readonly pages: Pages,
    private readonly queries: PublicPagesRepository,
    private readonly participation: PlanParticipation,
    private readonly clock: Clock,
    private readonly commitments: CommitmentsService,
    private readonly verdicts: VerdictsService,
    private readonly calendars: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    cursor: string | null,
    form: PlanFormState,
    status = 200,
  ): Promise<void> {
    const ctx = this.pages.context(request);
    const plan = await this.queries.plan(id);
    if (!plan) throw new AppError('PLAN_NOT_FOUND');
    const now = this.clock.now();
    const done = ((request.query ?? {}) as Record<string, unknown>).done;
    const reader = remarkReader(ctx.user, plan.organization_id);
    const [remarks, procedure, slots, commitments, own, hiddenCounts] = await Promise.all([
      this.queries.remarks(plan.id, cursor),
      this.queries.procedure(plan.id, now, reader),
      this.participation.slots(ctx, plan, now, done),
      this.commitments.view(plan.id, undefined, reader),
      this.commitments.ownRemarkIds(plan.id, ctx.user?.id),
      this.queries.hiddenCounts(plan.id),
    ]);
    const corrected = remarks.items.filter((r) => (r.answer_version ?? 0) > 1).map((r) => r.id);
    const answerHistory = new Map<string, EarlierAnswerRow[]>();
    for (const a of await this.queries.earlierAnswers(corrected))
      answerHistory.set(a.remark_id, [...(answerHistory.get(a.remark_id) ?? []), a]);
    // The moderation state of the reader's own remarks (and, for moderators, of the hidden ones), and the
    // reader's reports: one query each for the whole page.
    const userId = ctx.user?.id;
    const withState = remarks.items.filter((r) => userId && (r.author_id === userId || (reader.moderator && r.hidden_at))).map((r) => r.id);
    const others = remarks.items.filter((r) => userId && r.author_id !== userId && !r.hidden_at).map((r) => r.id);
    const [remarkModeration, reported] = await Promise.all([
      this.queries.remarkModeration(withState),
      reader.moderator ? Promise.resolve(new Map<string, Date>()) : this.queries.ownReports(userId, others),
    ]);
    const page = planPage(ctx, {
      now,
      plan,
      remarks,
      procedure,
      slots,
      commitments: {
        planId: plan.id,
        tz: plan.time_zone,
        commitments,
        own,
        form: form.commitment,
        done: done === 'commitment',
        documentTitles: procedure.notice?.documents.map((x) => x.title) ?? [],
      },
      answerHistory,
      verdictWindows: await this.verdictWindows(ctx.user?.id, remarks.items, plan.time_zone, now),
      appealWindows: await this.appealWindows(ctx.user?.id, remarks.items, plan.time_zone, now),
      hiddenCounts,
      remarkModeration,
      reported,
      path: `/plans/${plan.id}`,
      form: { remarkKey: randomUUID(), ...form },
    });
    this.pages.send(request, reply, ctx, page, status);
  }

  /** The open appeal windows of the reader's own hidden remarks (the "Appeal" link shows beside them). */
  private async appealWindows(userId: string | undefined, rows: RemarkRow[], tz: string, now: Date): Promise<Map<string, Date>> {
    const windows = new Map<string, Date>();
    const own = rows.filter((r) => userId && r.author_id === userId && r.hidden_at);
    if (own.length === 0) return windows;
    const cal = await this.calendars.calendar();
    for (const r of own) {
      const closesAt = appealClosesAt(new Date(r.hidden_at!), tz, cal, this.config.procedure);
      if (now.getTime() <= closesAt.getTime()) windows.set(r.id, closesAt);
    }
    return windows;
  }

  /** The open verdict windows of the reader's own answered remarks (the verdict form shows beside their answers). */
  private async verdictWindows(userId: string | undefined, rows: RemarkRow[], tz: string, now: Date): Promise<Map<string, Date>> {
    const windows = new Map<string, Date>();
    for (const r of rows) {
      if (!userId || r.author_id !== userId || !r.answer_published_at) continue;
      const closesAt = await this.verdicts.closesAt(r.answer_published_at, tz);
      if (isVerdictOpen(now, closesAt)) windows.set(r.id, closesAt);
    }
    return windows;
  }
}
