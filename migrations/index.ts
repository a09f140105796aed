import type { MigrationInterface } from 'typeorm';
import { Initial1795426800000 } from './1795426800000-Initial';
import { PlanSearch1795426900000 } from './1795426900000-PlanSearch';
import { CouncilAdminPages1795435246202 } from './1795435246202-CouncilAdminPages';
import { OrganizerPages1795436167751 } from './1795436167751-OrganizerPages';
import { PlanSearchColumn1795441000000 } from './1795441000000-PlanSearchColumn';
import { RevocableSessions1795500100000 } from './1795500100000-RevocableSessions';
import { EmailIdentity1795500200000 } from './1795500200000-EmailIdentity';
import { RateLimitCounters1795500300000 } from './1795500300000-RateLimitCounters';
import { AnswersThatCount1796145835067 } from './1796145835067-AnswersThatCount';
import { StateLanguages1796200000000 } from './1796200000000-StateLanguages';
import { Moderation1796300000000 } from './1796300000000-Moderation';
import { OcdsReleases1796400000000 } from './1796400000000-OcdsReleases';
import { NotificationPreferences1796500000000 } from './1796500000000-NotificationPreferences';
import { PlanPointNumber1796600000000 } from './1796600000000-PlanPointNumber';
import { ExportIndexes1796700000000 } from './1796700000000-ExportIndexes';
import { PlanDeadlineSweeps1796800000000 } from './1796800000000-PlanDeadlineSweeps';
import { OpenDataAtScale1796900000000 } from './1796900000000-OpenDataAtScale';
import { SettledPlanDeadlineSweeps1797000000000 } from './1797000000000-SettledPlanDeadlineSweeps';
import { SeedOcdsBackfilledPlans1797100000000 } from './1797100000000-SeedOcdsBackfilledPlans';
import { RemarkActivity1797200000000 } from './1797200000000-RemarkActivity';
import { FollowedPlansIndex1797300000000 } from './1797300000000-FollowedPlansIndex';

/** Every migration, in order. A new migration file must be added here (a unit test checks it). */
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795426800000,
  PlanSearch1795426900000,
  CouncilAdminPages1795435246202,
  OrganizerPages1795436167751,
  PlanSearchColumn1795441000000,
  RevocableSessions1795500100000,
  EmailIdentity1795500200000,
  RateLimitCounters1795500300000,
  AnswersThatCount1796145835067,
  StateLanguages1796200000000,
  Moderation1796300000000,
  OcdsReleases1796400000000,
  NotificationPreferences1796500000000,
  PlanPointNumber1796600000000,
  ExportIndexes1796700000000,
  PlanDeadlineSweeps1796800000000,
  OpenDataAtScale1796900000000,
  SettledPlanDeadlineSweeps1797000000000,
  SeedOcdsBackfilledPlans1797100000000,
  RemarkActivity1797200000000,
  FollowedPlansIndex1797300000000,
];
