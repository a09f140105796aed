import { CalendarService } from '../../src/calendar/calendar.service';
import { seedDemoPlanRows } from '../../src/demo/demo-plans';
import type { User } from '../../src/identity/user.entity';
import type { Organization } from '../../src/organizations/organization.entity';
import { Plan } from '../../src/plans/plan.entity';
import type { CreatedUser } from './factories';
import { createCouncil, createOrganization, createUser } from './factories';
import type { TestApp } from './test-app';

export interface DemoWorld {
  akimat: Organization;
  health: Organization;
  organizers: { akimat: CreatedUser; health: CreatedUser };
  citizens: CreatedUser[];
  /** The demo plans (src/demo/demo-plans.ts): stage 1 open; hearing scheduled ahead; outcome published. */
  stage1Id: string;
  hearingPlanId: string;
  closedId: string;
}

export interface DemoWorldOptions {
  akimatName?: string;
  healthName?: string;
  akimatOrganizer?: Partial<User>;
  healthOrganizer?: Partial<User>;
  /** Three citizens, the first two may be given (e-mail, display name). */
  citizens?: Partial<User>[];
}

/** Two organizers under one council with the six demo plans, one in every stage relative to the clock. */
export async function seedDemoWorld(t: TestApp, options: DemoWorldOptions = {}): Promise<DemoWorld> {
  const council = await createCouncil(t.db);
  const akimat = await createOrganization(t.db, council, { name: options.akimatName ?? 'Akimat of Almaty city' });
  const health = await createOrganization(t.db, council, { name: options.healthName ?? 'Health department' });
  const organizers = {
    akimat: await createUser(t, 'organizer', { organizationId: akimat.id, ...options.akimatOrganizer }),
    health: await createUser(t, 'organizer', { organizationId: health.id, ...options.healthOrganizer }),
  };
  const citizens: CreatedUser[] = [];
  for (let i = 0; i < 3; i++) citizens.push(await createUser(t, 'citizen', options.citizens?.[i] ?? {}));
  const members: User[] = [];
  for (let i = 0; i < 3; i++) members.push((await createUser(t, 'council_member', { councilId: council.id })).user);
  const moderators = [(await createUser(t, 'moderator')).user, (await createUser(t, 'moderator')).user];
  const created = await seedDemoPlanRows(t.db, t.clock.now(), await t.app.get(CalendarService).calendar(), t.config.procedure, {
    organizations: { akimat, health },
    organizers: { akimat: organizers.akimat.user, health: organizers.health.user },
    citizens: citizens.map((c) => c.user),
    moderators,
    akimatMembers: members,
    healthMembers: members,
  });
  if (created !== 6) throw new Error(`expected 6 demo plans, seeded ${created}`);
  const plans = await t.db.getRepository(Plan).find();
  return {
    akimat,
    health,
    organizers,
    citizens,
    stage1Id: plans.find((p) => p.title.get('ru')?.startsWith('Школьное питание'))!.id,
    hearingPlanId: plans.find((p) => p.title.get('ru')?.startsWith('Закуп аппаратов УЗИ'))!.id,
    closedId: plans.find((p) => p.outcomePublishedAt !== null)!.id,
  };
}
