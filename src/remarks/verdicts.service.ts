import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { isUuid } from '../common/ids';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuthUser } from '../identity/auth/auth-user';
import { loadPlan } from '../plans/plan-access';
import { verdictClosesAt } from '../procedure/deadlines';
import { Verdict } from './answer-verdict.entity';
import { AnswerVerdictsRepository, VerdictContextRow } from './answer-verdicts.repository';
import { VerdictDto } from './remarks.dto';
import { RemarksRepository } from './remarks.repository';
import { assertVerdictAllowed, isSameVerdict, isVerdictOpen, verdictTime } from './verdict-rules';

/** The verdict recorded (PUT /remarks/{id}/verdict). */
export interface VerdictRecorded {
  remarkId: string;
  answerVersion: number;
  verdict: Verdict;
  reason: string | null;
  at: string;
  /** The end of the window in which the author may still change it. */
  closesAt: string;
}

/** What the verdict page needs of a remark: the remark, its plan, the latest answer and its verdict, the window. */
export interface VerdictContext {
  row: VerdictContextRow;
  closesAt: Date | null;
  open: boolean;
}

/** The remark author's verdict on the latest answer version: reasoned or formal, within the verdict window. */
@Injectable()
export class VerdictsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly remarks: RemarksRepository,
    private readonly verdicts: AnswerVerdictsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The end of the verdict window of an answer version published at `publishedAt` (the organizer's zone, working days). */
  async closesAt(publishedAt: Date, tz: string): Promise<Date> {
    return verdictClosesAt(publishedAt, tz, await this.calendars.calendar(), this.config.procedure);
  }

  /**
   * Records the author's verdict on the latest answer version. The remark row is locked for the
   * transaction, as a correction locks it, so a verdict and a correction (or two verdicts) cannot
   * interleave: the version judged is the latest when the row is written. A change within the window
   * appends a row; repeating the current verdict writes nothing.
   */
  async record(user: AuthUser, remarkId: string, dto: VerdictDto): Promise<VerdictRecorded> {
    if (!isUuid(remarkId)) throw new AppError('REMARK_NOT_FOUND');
    const calendar = await this.calendars.calendar();
    return this.db.transaction(async (em) => {
      const remark = await this.remarks.lock(em, remarkId);
      if (!remark) throw new AppError('REMARK_NOT_FOUND');
      const latest = remark.authorId === user.id ? await this.remarks.latestAnswer(em, remark.id) : null;
      const tz = latest ? (await loadPlan(em, remark.planId)).organization.timeZone : 'UTC';
      const closesAt = latest ? verdictClosesAt(latest.publishedAt, tz, calendar, this.config.procedure) : null;
      const now = this.clock.now();
      assertVerdictAllowed({
        userId: user.id,
        authorId: remark.authorId,
        latest,
        answerVersion: dto.answerVersion,
        now,
        closesAt,
        timeZone: tz,
      });
      const answer = latest!;
      const reason = dto.reason ?? null;
      const current = await this.verdicts.current(em, answer.id);
      const row =
        current && isSameVerdict(current, dto.verdict, reason)
          ? current
          : await this.verdicts.add(em, {
              answerId: answer.id,
              remarkId: remark.id,
              planId: remark.planId,
              authorId: user.id,
              verdict: dto.verdict,
              reason,
              createdAt: verdictTime(now, await this.verdicts.lastAt(em, remark.planId, remark.id)),
            });
      return {
        remarkId: remark.id,
        answerVersion: answer.version,
        verdict: row.verdict,
        reason: row.reason,
        at: row.createdAt.toISOString(),
        closesAt: closesAt!.toISOString(),
      };
    });
  }

  /** The verdict page's remark, for anyone who may see it: REMARK_NOT_FOUND for an unknown one. */
  async context(remarkId: string): Promise<VerdictContext> {
    if (!isUuid(remarkId)) throw new AppError('REMARK_NOT_FOUND');
    const row = await this.verdicts.context(this.db, remarkId);
    if (!row || !row.plan_published_at) throw new AppError('REMARK_NOT_FOUND');
    const closesAt = row.answer_published_at ? await this.closesAt(row.answer_published_at, row.time_zone) : null;
    return { row, closesAt, open: closesAt !== null && isVerdictOpen(this.clock.now(), closesAt) };
  }
}
