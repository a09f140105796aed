import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { API } from '../../common/api';
import { AppError } from '../../common/errors/app-error';
import { validationError } from '../../common/errors/validation';
import { everyLocale } from '../../common/i18n/every-locale';
import { texts } from '../../common/i18n/catalogue';
import { isUuid } from '../../common/ids';
import { decodeKeyset, encodeKeyset } from '../../common/keyset-cursor';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { PUBLIC_READER, publicTextFor, remarkTextFor } from '../../remarks/remark-moderation';
import { OCDS_LANGUAGE, redactRelease } from './ocds-mapping';
import type { RemarkStateRow, StoredRelease } from './ocds.repository';
import { OcdsRepository } from './ocds.repository';
import { OcdsSyncService } from './ocds-sync.service';
import type { OcdsReleasePackage } from './ocds.types';
import { ENQUIRY_EXTENSION_URL, PAGINATION_EXTENSION_URL } from './ocds.types';

export const OCDS_PAGE_DEFAULT = 100;
export const OCDS_PAGE_MAX = 500;
/** The most releases a page of one plan's package holds (the default: most plans fit in one page). */
export const OCDS_PLAN_PAGE_MAX = 1_000;

interface SeqKey {
  seq: string;
}

const isSeqKey = (value: unknown): value is SeqKey =>
  typeof value === 'object' && value !== null && typeof (value as SeqKey).seq === 'string' && /^\d{1,18}$/.test((value as SeqKey).seq);

/** The release packages of GET /ocds/releases/{planId} and GET /ocds/releases, served through the redaction pass. */
@Injectable()
export class OcdsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly releases: OcdsRepository,
    private readonly sync: OcdsSyncService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A published plan's releases in date order, `limit` at a time after the cursor (`links.next` while
   * more remain). Before the first page its new events are released, unless the plan was synced moments
   * ago or another sync of it is under way (then what is stored is served: see
   * OcdsSyncService.syncPlanOnRead). 404 NOT_FOUND for a draft or an unknown id; 400 VALIDATION_FAILED
   * for a cursor that names no release of this plan.
   */
  async planPackage(planId: string, query: { cursor?: string; limit?: number } = {}): Promise<OcdsReleasePackage> {
    if (!isUuid(planId) || !(await this.releases.publishedPlan(this.db, planId))) throw new AppError('NOT_FOUND');
    const limit = query.limit ?? OCDS_PLAN_PAGE_MAX;
    const after = query.cursor ? this.cursorSeq(query.cursor) : null;
    if (after === null) await this.sync.syncPlanOnRead(planId);
    const rows = await this.releases.planReleases(this.db, planId, after, limit + 1);
    // a cursor's page is never empty (links.next names a page only while more remain), unless it names
    // no release of this plan: another plan's, or none
    if (after !== null && rows.length === 0 && !(await this.releases.isPlanRelease(this.db, planId, after))) throw badCursor();
    const page = rows.slice(0, limit);
    const states = await this.releases.remarkStates(this.db, enquiryRemarkIds(page));
    const url = (cursor?: string) => {
      const search = new URLSearchParams();
      if (cursor) search.set('cursor', cursor);
      if (query.limit) search.set('limit', String(query.limit));
      const text = search.toString();
      return `${this.config.publicUrl}/${API}/ocds/releases/${planId}${text ? `?${text}` : ''}`;
    };
    const out = this.pack(url(query.cursor), page, states, [ENQUIRY_EXTENSION_URL, PAGINATION_EXTENSION_URL]);
    if (rows.length > limit) out.links = { next: url(encodeKeyset({ seq: page[page.length - 1].seq })) };
    return out;
  }

  /** Releases stored since `since` (all without it), `limit` at a time after the cursor; `links.next` while more remain. */
  async releasesSince(query: { since?: string; cursor?: string; limit?: number }): Promise<OcdsReleasePackage> {
    const since = query.since ? new Date(query.since) : null;
    const limit = query.limit ?? OCDS_PAGE_DEFAULT;
    let after = '0';
    if (query.cursor) {
      after = this.cursorSeq(query.cursor);
    } else if (since) {
      const first = await this.releases.firstSeqSince(this.db, since);
      after = first === null ? after : String(BigInt(first) - 1n);
    }
    const rows = await this.releases.releasesAfter(this.db, after, since, limit + 1);
    const page = rows.slice(0, limit);
    const states = await this.releases.remarkStates(this.db, enquiryRemarkIds(page));
    const params = (cursor?: string) => {
      const search = new URLSearchParams();
      if (query.since) search.set('since', query.since);
      if (cursor) search.set('cursor', cursor);
      if (query.limit) search.set('limit', String(query.limit));
      const text = search.toString();
      return `${this.config.publicUrl}/${API}/ocds/releases${text ? `?${text}` : ''}`;
    };
    const out = this.pack(params(query.cursor), page, states, [ENQUIRY_EXTENSION_URL, PAGINATION_EXTENSION_URL]);
    if (rows.length > limit) out.links = { next: params(encodeKeyset({ seq: page[page.length - 1].seq })) };
    return out;
  }

  /** The release a page follows, from `links.next`'s cursor; 400 VALIDATION_FAILED for anything else. */
  private cursorSeq(cursor: string): string {
    const key = decodeKeyset(cursor, isSeqKey);
    if (!key) throw badCursor();
    return key.seq;
  }

  private pack(uri: string, stored: StoredRelease[], states: RemarkStateRow[], extensions: string[]): OcdsReleasePackage {
    const byId = new Map(states.map((s) => [s.id, s]));
    const publicText = (remarkId: string) => {
      const state = byId.get(remarkId);
      return state
        ? remarkTextFor(
            { authorId: state.author_id, body: state.body, hiddenAt: state.hidden_at, hiddenReason: state.hidden_reason },
            PUBLIC_READER,
          ).body
        : null;
    };
    // answers are masked again by today's rules (the remark's author is no public reader: masked for all)
    const publicAnswer = (remarkId: string, answer: string) => publicTextFor(answer, byId.get(remarkId)?.author_id ?? '', PUBLIC_READER);
    return {
      uri,
      version: '1.1',
      // the newest release's date, not the time of the request: the same releases make the same
      // package, so a reader polling with If-None-Match gets 304 until something happens
      publishedDate: newestDate(stored) ?? this.clock.now().toISOString(),
      publisher: { name: texts(OCDS_LANGUAGE).openData.ocds.publisher },
      extensions,
      releases: stored.map((row) => redactRelease(row.body, publicText, publicAnswer)),
    };
  }
}

/** 400 VALIDATION_FAILED on `cursor`, as every list of the API answers a cursor it did not write. */
function badCursor(): AppError {
  return validationError([{ field: 'cursor', constraint: 'matches', message: everyLocale((t) => t.plans.badCursor) }]);
}

/** The remarks the releases' enquiries are about (their text is served as moderation has it now). */
function enquiryRemarkIds(stored: StoredRelease[]): string[] {
  return [...new Set(stored.flatMap((r) => (r.body.tender?.enquiries ?? []).map((e) => e.id)))];
}

/** The latest `date` among the releases (ISO strings with offset compare as instants via Date). */
function newestDate(stored: StoredRelease[]): string | null {
  let newest: number | null = null;
  for (const row of stored) {
    const at = Date.parse(row.body.date);
    if (!Number.isNaN(at) && (newest === null || at > newest)) newest = at;
  }
  return newest === null ? null : new Date(newest).toISOString();
}
