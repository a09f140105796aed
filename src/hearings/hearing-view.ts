import type { EntityManager } from 'typeorm';
import type { LocalizedText } from '../common/i18n/localized-text';
import { groupBy } from '../common/group-by';
import type { HearingAction, HearingChange } from './hearing-change.entity';
import type { Hearing, HearingStatus } from './hearing.entity';
import { HearingsRepository } from './hearings.repository';
import type { Protocol, ProtocolQuestion } from './protocol.entity';

/** The views are functions that other features call inside their own transactions; the repository holds no state. */
const hearings = new HearingsRepository();

export interface HearingChangeView {
  action: HearingAction;
  sequence: number;
  startsAt: string;
  room: LocalizedText | null;
  livestreamUrl: string | null;
  reason: string | null;
  at: string;
}

export interface HearingView {
  id: string;
  startsAt: string;
  endsAt: string;
  localDate: string;
  /** The organization's address (a published text: API reads give the reader's version plus `i18n`). */
  venue: LocalizedText;
  room: LocalizedText | null;
  livestreamUrl: string | null;
  status: HearingStatus;
  sequence: number;
  cancelReason: string | null;
  icsUrl: string;
  history: HearingChangeView[];
}

export interface ProtocolVersionView {
  version: number;
  attendeesCount: number;
  speakers: LocalizedText[];
  positions: LocalizedText[];
  questions: ProtocolQuestion[];
  summary: LocalizedText;
  decisions: LocalizedText[];
  publishedAt: string;
  late: boolean;
  correctionReason: LocalizedText | null;
}

export interface ProtocolView extends ProtocolVersionView {
  /** Every version, oldest first (version 1 is the protocol, later ones corrections). */
  versions: ProtocolVersionView[];
}

/** The public view of a plan's hearing, with its whole history; null when none was ever scheduled. */
export async function hearingView(em: EntityManager, planId: string): Promise<HearingView | null> {
  const hearing = await hearings.byPlan(em, planId);
  if (!hearing) return null;
  return toHearingView(hearing, await hearings.changes(em, hearing.id));
}

/** The hearings of several plans (the plan list), by plan id: two statements whatever their number. */
export async function hearingViews(em: EntityManager, planIds: string[]): Promise<Map<string, HearingView>> {
  const found = await hearings.byPlans(em, planIds);
  const changes = groupBy(
    await hearings.changesOfHearings(
      em,
      found.map((h) => h.id),
    ),
    (c) => c.hearingId,
  );
  return new Map(found.map((h) => [h.planId, toHearingView(h, changes.get(h.id) ?? [])]));
}

function toHearingView(hearing: Hearing, changes: HearingChange[]): HearingView {
  const planId = hearing.planId;
  return {
    id: hearing.id,
    startsAt: hearing.startsAt.toISOString(),
    endsAt: hearing.endsAt.toISOString(),
    localDate: hearing.localDate,
    venue: hearing.venue,
    room: hearing.room,
    livestreamUrl: hearing.livestreamUrl,
    status: hearing.status,
    sequence: hearing.sequence,
    cancelReason: hearing.cancelReason,
    icsUrl: `/api/v1/plans/${planId}/hearing.ics`,
    history: changes.map((c) => ({
      action: c.action,
      sequence: c.sequence,
      startsAt: c.startsAt.toISOString(),
      room: c.room,
      livestreamUrl: c.livestreamUrl,
      reason: c.reason,
      at: c.createdAt.toISOString(),
    })),
  };
}

function versionView(p: Protocol): ProtocolVersionView {
  return {
    version: p.version,
    attendeesCount: p.attendeesCount,
    speakers: p.speakers.filter((x): x is LocalizedText => x !== null),
    positions: p.positions.filter((x): x is LocalizedText => x !== null),
    questions: p.questions,
    summary: p.summary,
    decisions: p.decisions.filter((x): x is LocalizedText => x !== null),
    publishedAt: p.publishedAt.toISOString(),
    late: p.late,
    correctionReason: p.correctionReason,
  };
}

/** The latest protocol version with all versions; null when no protocol is published. */
export async function protocolView(em: EntityManager, planId: string): Promise<ProtocolView | null> {
  return toProtocolView(await hearings.protocols(em, planId));
}

/** The protocols of several plans (the plan list), by plan id: one statement. */
export async function protocolViews(em: EntityManager, planIds: string[]): Promise<Map<string, ProtocolView>> {
  const byPlan = groupBy(await hearings.protocolsOfPlans(em, planIds), (p) => p.planId);
  return new Map([...byPlan].map(([planId, versions]) => [planId, toProtocolView(versions)!]));
}

function toProtocolView(versions: Protocol[]): ProtocolView | null {
  if (versions.length === 0) return null;
  return { ...versionView(versions[versions.length - 1]), versions: versions.map(versionView) };
}
