import type { INestApplication } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CalendarService } from './calendar/calendar.service';
import { Clock } from './common/clock';
import type { AppConfig } from './config/config';
import type { DemoText } from './demo/demo-texts';
import { seedDemoPlanRows } from './demo/demo-plans';
import { demoText } from './demo/demo-texts';
import { accountEmail, emailKey } from './identity/email-identity';
import { hashPassword } from './identity/password-policy';
import type { Role, User } from './identity/user.entity';
import { UsersRepository } from './identity/users.repository';
import { AdminUsersService } from './organizations/accounts/admin-users.service';
import type { Council } from './organizations/council.entity';
import { CouncilsRepository } from './organizations/councils.repository';
import type { Organization } from './organizations/organization.entity';
import { OrganizationsRepository } from './organizations/organizations.repository';

export const DEMO_ADMIN = { email: 'admin@talqylau.local', password: 'Demo-admin-2027' } as const;
/** The one password of every demo account except the administrator. */
export const DEMO_PASSWORD = 'Demo-password-2027';

export interface DemoAccount {
  email: string;
  role: Role;
  displayName: string;
  /** Which organization (by key) or council (by key) the account belongs to. */
  organization?: 'akimat' | 'health';
  council?: 'akimat' | 'health';
  isChair?: boolean;
  locale: 'kk' | 'ru' | 'en';
}

/** The demo councils; names in Kazakh, Russian and English. */
export const DEMO_COUNCILS = {
  akimat: {
    name: { kk: 'Алматы қаласының қоғамдық кеңесі', ru: 'Общественный совет города Алматы', en: 'Public council of Almaty city' },
  },
  health: {
    name: {
      kk: 'Қарағанды облысы денсаулық сақтау басқармасының қоғамдық кеңесі',
      ru: 'Общественный совет управления здравоохранения Карагандинской области',
      en: 'Public council of the Karaganda region health department',
    },
  },
} as const satisfies Record<string, { name: DemoText }>;

/** The demo organizers; names and addresses in Kazakh, Russian and English. */
export const DEMO_ORGANIZATIONS = {
  akimat: {
    name: { kk: 'Алматы қаласының әкімдігі', ru: 'Акимат города Алматы', en: 'Akimat of Almaty city' },
    bin: '940240000438',
    address: {
      kk: 'Алматы қ., Республика алаңы, 4, 050001',
      ru: 'г. Алматы, площадь Республики, 4, 050001',
      en: 'Almaty, Republic Square 4, 050001',
    },
    timeZone: 'Asia/Almaty',
    council: 'akimat',
  },
  health: {
    name: {
      kk: 'Қарағанды облысының денсаулық сақтау басқармасы',
      ru: 'Управление здравоохранения Карагандинской области',
      en: 'Health Department of Karaganda region',
    },
    bin: '000740001307',
    address: {
      kk: 'Қарағанды қ., Бұқар жырау даңғылы, 49, 100008',
      ru: 'г. Караганда, проспект Бухар-Жырау, 49, 100008',
      en: 'Karaganda, Bukhar-Zhyrau Avenue 49, 100008',
    },
    timeZone: 'Asia/Almaty',
    council: 'health',
  },
} as const;

type DemoOrganization = (typeof DEMO_ORGANIZATIONS)[keyof typeof DEMO_ORGANIZATIONS];

/** Every demo account (password DEMO_PASSWORD; the admin uses DEMO_ADMIN unless ADMIN_EMAIL is set). Keep the README in step. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'organizer@akimat.talqylau.local',
    role: 'organizer',
    displayName: 'Akimat of Almaty city, procurement department',
    organization: 'akimat',
    locale: 'ru',
  },
  {
    email: 'organizer@health.talqylau.local',
    role: 'organizer',
    displayName: 'Karaganda health department, procurement',
    organization: 'health',
    locale: 'ru',
  },
  {
    email: 'member1@akimat-council.talqylau.local',
    role: 'council_member',
    displayName: 'Saule Nurlanovna (chair)',
    council: 'akimat',
    isChair: true,
    locale: 'kk',
  },
  { email: 'member2@akimat-council.talqylau.local', role: 'council_member', displayName: 'Yerlan Bekov', council: 'akimat', locale: 'ru' },
  { email: 'member3@akimat-council.talqylau.local', role: 'council_member', displayName: 'Marina Kim', council: 'akimat', locale: 'ru' },
  {
    email: 'member1@health-council.talqylau.local',
    role: 'council_member',
    displayName: 'Gulnara Abenova (chair)',
    council: 'health',
    isChair: true,
    locale: 'ru',
  },
  {
    email: 'member2@health-council.talqylau.local',
    role: 'council_member',
    displayName: 'Askar Zhumabayev',
    council: 'health',
    locale: 'kk',
  },
  { email: 'member3@health-council.talqylau.local', role: 'council_member', displayName: 'Irina Petrova', council: 'health', locale: 'ru' },
  { email: 'aigerim@example.kz', role: 'citizen', displayName: 'Aigerim S.', locale: 'kk' },
  { email: 'daniyar@example.kz', role: 'citizen', displayName: 'Daniyar T.', locale: 'ru' },
  { email: 'olga@example.kz', role: 'citizen', displayName: 'Olga M.', locale: 'en' },
  { email: 'moderator1@talqylau.local', role: 'moderator', displayName: 'Saule N.', locale: 'kk' },
  { email: 'moderator2@talqylau.local', role: 'moderator', displayName: 'Pavel R.', locale: 'ru' },
];

/** What the demo seeding created, by key, for later seeding steps. */
export interface DemoData {
  councils: Record<keyof typeof DEMO_COUNCILS, Council>;
  organizations: Record<keyof typeof DEMO_ORGANIZATIONS, Organization>;
  users: Record<string, User>;
}

/** The first administrator (ADMIN_EMAIL/ADMIN_PASSWORD) and, with DEMO_DATA, the demo data. */
export async function bootstrapData(app: INestApplication, config: AppConfig): Promise<void> {
  const logger = new Logger('BootstrapData');
  await ensureAdministrator(app, config, logger);
  if (!config.demoData) return;
  if ((await app.get(OrganizationsRepository).count()) > 0) return;
  const demo = await seedDemoAccounts(app);
  await seedDemoPlans(app, config, demo);
  logger.log(`created the demo data: ${DEMO_ACCOUNTS.length} accounts with the password ${DEMO_PASSWORD}`);
}

async function ensureAdministrator(app: INestApplication, config: AppConfig, logger: Logger): Promise<void> {
  const adminEmail = config.adminEmail ?? (config.demoData ? DEMO_ADMIN.email : null);
  const adminPassword = config.adminEmail ? config.adminPassword : config.demoData ? DEMO_ADMIN.password : null;
  if (!adminEmail || !adminPassword) return;
  const existing = await app.get(UsersRepository).findByEmailKey(app.get(DataSource), emailKey(adminEmail));
  if (!existing) {
    // The operator chose this password; only the length rule applies (checked by loadConfig).
    const admin = {
      email: adminEmail,
      password: adminPassword,
      displayName: 'Administrator',
      role: 'admin' as const,
      locale: config.defaultLocale,
    };
    await app.get(AdminUsersService).create(admin, { checkPassword: false });
    logger.log(`created the administrator ${adminEmail}`);
  } else if (existing.role !== 'admin') {
    logger.warn(`ADMIN_EMAIL ${adminEmail} belongs to an existing ${existing.role} account; it was left unchanged`);
  }
}

async function seedDemoAccounts(app: INestApplication): Promise<DemoData> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const clock = app.get(Clock);
  const councilRows = app.get(CouncilsRepository);
  const organizationRows = app.get(OrganizationsRepository);
  const users = app.get(UsersRepository);
  return app.get(DataSource).transaction(async (em) => {
    const councils = {} as DemoData['councils'];
    for (const [key, c] of Object.entries(DEMO_COUNCILS) as [keyof typeof DEMO_COUNCILS, { name: DemoText }][]) {
      councils[key] = await councilRows.insert(em, demoText(c.name));
    }
    const organizations = {} as DemoData['organizations'];
    for (const [key, o] of Object.entries(DEMO_ORGANIZATIONS) as [keyof typeof DEMO_ORGANIZATIONS, DemoOrganization][]) {
      const { council, name, address, ...fields } = o;
      organizations[key] = await organizationRows.insert(em, {
        ...fields,
        name: demoText(name),
        address: demoText(address),
        councilId: councils[council].id,
      });
    }
    const created: Record<string, User> = {};
    for (const account of DEMO_ACCOUNTS) {
      const { address, key } = accountEmail(account.email);
      // never overwrite an existing account
      created[account.email] =
        (await users.findByEmailKey(em, key)) ??
        (await users.insert(em, {
          email: address,
          emailKey: key,
          passwordHash,
          displayName: account.displayName,
          locale: account.locale,
          role: account.role,
          organizationId: account.organization ? organizations[account.organization].id : null,
          councilId: account.council ? councils[account.council].id : null,
          isChair: account.isChair === true,
          emailVerifiedAt: clock.now(),
          consentAt: account.role === 'citizen' ? clock.now() : null,
        }));
    }
    return { councils, organizations, users: created };
  });
}

/** The demo plans, one in every stage, right after the demo organizations and accounts were created. */
async function seedDemoPlans(app: INestApplication, config: AppConfig, demo: DemoData): Promise<void> {
  const u = demo.users;
  const count = await seedDemoPlanRows(
    app.get(DataSource),
    app.get(Clock).now(),
    await app.get(CalendarService).calendar(),
    config.procedure,
    {
      organizations: demo.organizations,
      organizers: { akimat: u['organizer@akimat.talqylau.local'], health: u['organizer@health.talqylau.local'] },
      citizens: [u['aigerim@example.kz'], u['daniyar@example.kz'], u['olga@example.kz']],
      moderators: [u['moderator1@talqylau.local'], u['moderator2@talqylau.local']],
      akimatMembers: [
        u['member1@akimat-council.talqylau.local'],
        u['member2@akimat-council.talqylau.local'],
        u['member3@akimat-council.talqylau.local'],
      ],
      healthMembers: [
        u['member1@health-council.talqylau.local'],
        u['member2@health-council.talqylau.local'],
        u['member3@health-council.talqylau.local'],
      ],
    },
  );
  if (count > 0) new Logger('BootstrapData').log(`created ${count} demo plans`);
}
