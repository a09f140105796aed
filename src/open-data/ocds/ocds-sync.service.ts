import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Interval } from '@nestjs/schedule';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { isLocale } from '../../common/i18n/locale';
import { LocalizedText } from '../../common/i18n/localized-text';
import { mapInSlices } from '../../common/map-in-slices';
import { SingleFlight } from '../../common/single-flight';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { PUBLIC_READER, publicLocalizedFor, remarkTextFor } from '../../remarks/remark-moderation';
import type { OcdsContext, OcdsEnquiryEvent } from './ocds-mapping';
import {
  conclusionRelease,
  enquiryRelease,
  hearingRelease,
  noticeRelease,
  outcomeRelease,
  protocolRelease,
  publicationRelease,
  stage2Release,
} from './ocds-mapping';
import type { HearingChangeRow, HearingRow, NewRelease, PlanRow } from './ocds.repository';
import { OcdsRepository } from './ocds.repository';
import type { OcdsRelease } from './ocds.types';

/**
 * How far back each sync looks again for remark events before its latest release: an event stamped
 * before the last sync but committed after it (a slow transaction) is still released. Looking again
 * costs nothing more than the events of that window: each is released once (ON CONFLICT).
 */
const LOOK_BACK_MS = 10 * 60_000;

const text = (value: unknown) => LocalizedText.fromStored(value);

/**
 * How long after a sync of a plan a read of its package serves what is stored without syncing again:
 * a burst of reads of one plan makes one sync, not one each. Releases show at most this much later.
 */
export const ON_READ_FRESH_MS = 5_000;

/** The plans remembered as synced on read (per instance); older entries are dropped beyond it. */
const ON_READ_MEMO_MAX = 10_000;

/**
 * The most events about remarks one sync of a plan releases (one transaction): a plan with a long
 * history (100,000 remarks) is released a slice at a time, oldest first.
 */
export const RELEASES_PER_PLAN_SYNC = 2_000;

/**
 * The most releases the backfill stores per periodic pass (a minute): on a database of a million
 * remarks that was never synced (an upgrade), the first passes cost a bounded few hundred
 * milliseconds each instead of releasing everything at once; the backfill then takes hours.
 */
export const BACKFILL_RELEASES_PER_PASS = 5_000;

/**
 * The most plans the backfill visits per pass, whatever they hold: on a database of many small plans
 * a pass still ends in seconds (each plan is a transaction of a dozen statements, then a pause).
 */
export const BACKFILL_PLANS_PER_PASS = 200;

/** How many plans to backfill the backfill looks up at a time. */
const BACKFILL_PLANS_PER_QUERY = 50;

/**
 * After each plan, the backfill pauses this many times as long as the plan's sync took (at most a
 * second): its work is spread over the minute at a third of one core, never a burst on a busy machine.
 */
const BACKFILL_PAUSE_FACTOR = 2;

/** What one sync of a plan did: releases stored, and whether every event up to now has its release. */
interface PlanSync {
  stored: number;
  done: boolean;
}

@Injectable()
export class OcdsSyncService implements OnModuleDestroy {
  private readonly logger = new Logger(OcdsSyncService.name);
  private readonly pass = new SingleFlight(this.logger, 'ocds-sync');
  /** Up to when the periodic sync of this instance has looked (null: from the newest stored release). */
  private syncedUntil: Date | null = null;
  /** When each plan was last synced on this instance (clock ms): a cache that spares reads a sync, never a limit. */
  private readonly syncedAt = new Map<string, number>();
  /** Set on shutdown: a backfill pausing between plans stops there. */
  private stopping = false;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly releases: OcdsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleDestroy(): void {
    this.stopping = true;
  }

  ocid(planId: string): string {
    return `${this.config.openData.ocidPrefix}-${planId}`;
  }

  @Interval('ocds-sync', 60_000)
  async tick(): Promise<void> {
    if (this.config.sweepEnabled) await this.pass.run(async () => void (await this.syncAll()));
  }

  /**
   * One periodic pass: syncs every backfilled plan with an event since the last pass, then backfills
   * up to `budget` releases of at most `planBudget` plans not backfilled yet; returns releases stored.
   * The backfill runs on one instance at a time: while another instance's backfill holds its lock,
   * this pass skips it (both would walk the same oldest plans).
   */
  async syncAll(budget = BACKFILL_RELEASES_PER_PASS, planBudget = BACKFILL_PLANS_PER_PASS): Promise<number> {
    const now = this.clock.now();
    const from = this.syncedUntil ?? (await this.releases.latestCreatedAt(this.db)) ?? now;
    const since = new Date(Math.min(from.getTime(), now.getTime()) - LOOK_BACK_MS);
    let stored = 0;
    for (const plan of await this.releases.backfilledPlansWithEvents(this.db, since, now))
      stored += (await this.syncLimited(plan.id)).stored;
    const backfilled = await this.releases.whileBackfillLocked(this.db, () => this.backfill(now, budget, planBudget));
    stored += backfilled?.value ?? 0;
    this.syncedUntil = now;
    return stored;
  }

  /**
   * Releases the events of plans not backfilled yet, oldest publication first, until `budget` releases
   * are stored or `planBudget` plans visited.
   */
  private async backfill(until: Date, budget: number, planBudget: number): Promise<number> {
    let stored = 0;
    let visited = 0;
    const more = () => stored < budget && visited < planBudget && !this.stopping;
    while (more()) {
      const plans = await this.releases.plansToBackfill(this.db, until, Math.min(BACKFILL_PLANS_PER_QUERY, planBudget - visited));
      let progressed = false;
      for (const plan of plans) {
        if (!more()) break;
        visited++;
        const started = Date.now();
        const sync = await this.syncLimited(plan.id, Math.min(RELEASES_PER_PLAN_SYNC, budget - stored));
        stored += sync.stored;
        progressed ||= sync.stored > 0 || sync.done;
        await sleep(Math.min(1_000, (Date.now() - started) * BACKFILL_PAUSE_FACTOR));
      }
      if (!progressed) break;
    }
    return stored;
  }

  /**
   * Stores the releases of the plan's events that have none yet (at most RELEASES_PER_PLAN_SYNC about
   * remarks: a plan with more is continued by the backfill); returns how many were stored (0 for a
   * draft). Waits for another sync of the plan to end (the periodic sync).
   */
  async syncPlan(planId: string): Promise<number> {
    return (await this.syncLimited(planId)).stored;
  }

  private syncLimited(planId: string, limit = RELEASES_PER_PLAN_SYNC): Promise<PlanSync> {
    return this.db.transaction(async (em) => {
      await this.releases.lockPlan(em, planId);
      return this.syncLocked(em, planId, limit);
    });
  }

  /**
   * The sync of GET /ocds/releases/{planId}: skipped when this instance synced the plan in the last
   * ON_READ_FRESH_MS, or when another sync of the plan holds its lock (that sync stores the same events;
   * the reader is served what is stored), so concurrent reads never queue on the lock holding connections.
   */
  async syncPlanOnRead(planId: string): Promise<number> {
    const now = this.clock.now().getTime();
    const last = this.syncedAt.get(planId);
    if (last !== undefined && now >= last && now - last < ON_READ_FRESH_MS) return 0;
    const sync = await this.db.transaction(async (em) => {
      if (!(await this.releases.tryLockPlan(em, planId))) return null;
      return this.syncLocked(em, planId, RELEASES_PER_PLAN_SYNC);
    });
    if (sync === null) return 0;
    this.remember(planId, now);
    return sync.stored;
  }

  private remember(planId: string, at: number): void {
    this.syncedAt.delete(planId);
    this.syncedAt.set(planId, at);
    // a Map iterates in insertion order: the first entries are the least recently synced
    for (const key of this.syncedAt.keys()) {
      if (this.syncedAt.size <= ON_READ_MEMO_MAX) break;
      this.syncedAt.delete(key);
    }
  }

  private async syncLocked(em: EntityManager, planId: string, limit: number): Promise<PlanSync> {
    const plan = await this.releases.publishedPlan(em, planId);
    if (!plan) return { stored: 0, done: true };
    const now = this.clock.now();
    const ctx: OcdsContext = { ocid: this.ocid(planId), planId, planUrl: `${this.config.publicUrl}/plans/${planId}` };
    const enquiries = await this.enquiryReleases(em, ctx, plan, now, limit);
    const releases = [...(await this.procedureReleases(em, ctx, plan, now)), ...enquiries.releases];
    const stored = await this.releases.insert(
      em,
      releases.map((release): NewRelease => ({ planId, eventKey: release.id.slice(ctx.ocid.length + 1), release })),
      now,
    );
    await this.releases.markBackfilled(em, planId, enquiries.done, now);
    return { stored, done: enquiries.done };
  }

  /** Publication, hearing, protocol, conclusion, notice, stage 2 and outcome: a few rows a plan, every time (the stored ones are skipped). */
  private async procedureReleases(em: EntityManager, ctx: OcdsContext, plan: PlanRow, now: Date): Promise<OcdsRelease[]> {
    // one statement at a time: they share the transaction's connection
    const recorded = await this.releases.hearingChanges(em, plan.id);
    const hearing = await this.releases.hearing(em, plan.id);
    const protocols = await this.releases.protocols(em, plan.id);
    const conclusions = await this.releases.conclusion(em, plan.id);
    const notices = await this.releases.notices(em, plan.id);
    const outcomes = await this.releases.outcomes(em, plan.id);
    const hearingAt = hearing?.starts_at ?? null;
    const changes = hearingChangesOf(recorded, hearing, protocols, plan, now);
    const out: OcdsRelease[] = [
      publicationRelease(ctx, {
        id: plan.id,
        title: text(plan.title)!,
        description: text(plan.description)!,
        subjectCode: plan.subject_code,
        amount: Number(plan.amount),
        method: plan.method,
        plannedQuarter: plan.planned_quarter,
        deliveryPlace: text(plan.delivery_place),
        publishedAt: plan.published_at,
        stage1ClosesAt: plan.stage1_closes_at,
        organization: { name: text(plan.org_name)!, bin: plan.org_bin },
      }),
      ...changes.map((c) =>
        hearingRelease(ctx, {
          action: c.action,
          sequence: c.sequence,
          startsAt: c.starts_at,
          createdAt: c.created_at,
          venue: text(c.venue)!,
          room: text(c.room),
        }),
      ),
      ...protocols.map((p) =>
        protocolRelease(ctx, {
          version: p.version,
          publishedAt: p.published_at,
          firstPublishedAt: protocols[0].published_at,
          summary: text(p.summary)!,
          hearingAt,
        }),
      ),
      ...conclusions.map((c) => conclusionRelease(ctx, { closedAt: c.closed_at, result: c.result })),
      ...notices.map((n) =>
        noticeRelease(ctx, {
          version: n.version,
          noticeNumber: n.notice_number,
          publishedAt: n.published_at,
          firstPublishedAt: notices[0].published_at,
          documents: (Array.isArray(n.documents) ? (n.documents as { title: unknown; url: string; sha256: string }[]) : []).map((d) => ({
            title: text(d.title)!,
            url: d.url,
            sha256: d.sha256,
          })),
        }),
      ),
      ...(plan.stage2_opens_at ? [stage2Release(ctx, { opensAt: plan.stage2_opens_at, closesAt: plan.stage2_closes_at })] : []),
      ...outcomes.map((o) =>
        outcomeRelease(ctx, {
          version: o.version,
          decision: o.decision,
          summary: text(o.summary)!,
          publishedAt: o.published_at,
          firstPublishedAt: outcomes[0].published_at,
        }),
      ),
    ];
    return out.filter((release) => new Date(release.date) <= now);
  }

  /**
   * Remarks, answers, verdicts, and remarks hidden or restored since the plan's latest release about a
   * remark (less the look-back) that have no release yet, one release each: the oldest `limit` of
   * them. `done` when none was left behind.
   */
  private async enquiryReleases(
    em: EntityManager,
    ctx: OcdsContext,
    plan: PlanRow,
    now: Date,
    limit: number,
  ): Promise<{ releases: OcdsRelease[]; done: boolean }> {
    const latest = await this.releases.latestEnquiryDate(em, plan.id);
    const after = latest ? new Date(latest.getTime() - LOOK_BACK_MS) : null;
    const remarks = await this.releases.remarksBetween(em, plan.id, after, now, limit);
    const answers = await this.releases.answersBetween(em, plan.id, after, now, limit);
    const verdicts = await this.releases.verdictsBetween(em, plan.id, after, now, limit);
    const decisions = await this.releases.moderationBetween(em, plan.id, after, now, limit);
    const publicText = (r: { author_id: string; body: string; hidden_at: Date | null; hidden_reason: null | string }) =>
      remarkTextFor({ authorId: r.author_id, body: r.body, hiddenAt: r.hidden_at, hiddenReason: r.hidden_reason as never }, PUBLIC_READER)
        .body;
    // masking and mapping thousands of texts (a backfill, a busy minute) in slices: requests are answered in between
    const events: OcdsEnquiryEvent[] = [
      ...(await mapInSlices(remarks, (r): OcdsEnquiryEvent => ({
        kind: 'remark',
        id: r.id,
        remarkId: r.id,
        at: r.created_at,
        description: publicText(r),
      }))),
      ...(await mapInSlices(answers, (a): OcdsEnquiryEvent => ({
        kind: 'answer',
        id: a.id,
        remarkId: a.remark_id,
        at: a.published_at,
        answer: publicLocalizedFor(text(a.body)!, a.author_id, PUBLIC_READER),
        answerLanguage: isLocale(a.language) ? a.language : 'ru',
      }))),
      ...verdicts.map((v): OcdsEnquiryEvent => ({
        kind: 'verdict',
        id: v.id,
        remarkId: v.remark_id,
        at: v.created_at,
        verdict: v.verdict,
      })),
      ...decisions.map((d): OcdsEnquiryEvent => ({
        kind: 'moderation',
        remarkId: d.remark_id,
        change: d.change,
        at: d.created_at,
        description: d.change === 'hidden' ? null : publicText({ ...d, hidden_at: null, hidden_reason: null }),
      })),
    ];
    const noticeAt = plan.notice_published_at?.getTime() ?? Infinity;
    const truncated = [remarks, answers, verdicts, decisions].some((rows) => rows.length >= limit);
    // the oldest `limit` events of all kinds: every event before the last one kept has its release
    // (the next sync starts from it, less the look-back)
    const kept = events.sort((a, b) => a.at.getTime() - b.at.getTime()).slice(0, limit);
    return {
      releases: await mapInSlices(kept, (event) => enquiryRelease(ctx, event, event.at.getTime() >= noticeAt)),
      done: !truncated && kept.length === events.length,
    };
  }
}

/**
 * The hearing's changes to release. A hearing kept without its history of changes (seeded data) is
 * released as it stands, dated when it was created, but never before the publication, nor after its
 * start, its protocol or now (a later date would reopen in the compiled release a hearing that the
 * protocol closed).
 */
function hearingChangesOf(
  recorded: HearingChangeRow[],
  hearing: HearingRow | null,
  protocols: { published_at: Date }[],
  plan: { published_at: Date },
  now: Date,
): HearingChangeRow[] {
  if (recorded.length > 0 || !hearing) return recorded;
  const latest = Math.min(now.getTime(), hearing.starts_at.getTime(), ...protocols.slice(0, 1).map((p) => p.published_at.getTime()));
  return [
    {
      ...hearing,
      action: hearing.status === 'cancelled' ? 'cancelled' : 'scheduled',
      created_at: new Date(Math.max(Math.min(hearing.created_at.getTime(), latest), plan.published_at.getTime())),
    },
  ];
}
