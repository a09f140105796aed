import { hash } from 'argon2';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { LocalizedText } from '../../src/common/i18n/localized-text';
import type { AuthUser } from '../../src/identity/auth/auth-user';
import { TokenService } from '../../src/identity/auth/token.service';
import { emailKey } from '../../src/identity/email-identity';
import type { Role } from '../../src/identity/user.entity';
import { User } from '../../src/identity/user.entity';
import { Council } from '../../src/organizations/council.entity';
import { Organization } from '../../src/organizations/organization.entity';
import type { TestApp } from './test-app';

export const PASSWORD = 'Correct-horse-42';
let passwordHash: Promise<string> | null = null;

/** A valid 12-digit BIN with its check digit (Kazakh algorithm), unique per call. */
export function makeBin(): string {
  for (;;) {
    const digits = Array.from({ length: 11 }, () => Math.floor(Math.random() * 10));
    const weigh = (w: number[]) => digits.reduce((s, d, i) => s + d * w[i], 0) % 11;
    let check = weigh([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if (check === 10) check = weigh([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    if (check < 10) return digits.join('') + check;
  }
}

/** A published text in Kazakh and Russian (and English when given). */
export function bilingual(kk: string, ru: string, en?: string): LocalizedText {
  return LocalizedText.of({ kk, ru, en })!;
}

/** A text for a factory: a LocalizedText as it is, a string as written in Russian (as the migration moved old texts). */
export function asText(text: string | LocalizedText): LocalizedText {
  return typeof text === 'string' ? LocalizedText.single(text, 'ru')! : text;
}

/**
 * The body of POST /plans with the title and description in both state languages, so that the plan
 * can be published while STATE_LANGUAGES_REQUIRED is on (its default).
 */
export function newPlanBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { kk: '№12 мектептің шатырын жөндеу', ru: 'Ремонт кровли школы №12' },
    description: { kk: '№12 мектептің шатырын күрделі жөндеу', ru: 'Капитальный ремонт кровли школы №12' },
    subjectCode: '454000.000.000000',
    amount: 125_000_000,
    method: 'open_tender',
    plannedQuarter: '2027-Q2',
    deliveryPlace: { kk: 'Алматы қ.', ru: 'г. Алматы' },
    ...overrides,
  };
}

export async function createCouncil(
  db: DataSource,
  name: string | LocalizedText = bilingual('Қоғамдық кеңес', 'Общественный совет'),
): Promise<Council> {
  return db.getRepository(Council).save(db.getRepository(Council).create({ name: asText(name) }));
}

export type OrganizationOverrides = Omit<Partial<Organization>, 'name' | 'address'> & {
  name?: string | LocalizedText;
  address?: string | LocalizedText;
};

export async function createOrganization(db: DataSource, council: Council, overrides: OrganizationOverrides = {}): Promise<Organization> {
  const { name, address, ...rest } = overrides;
  return db.getRepository(Organization).save(
    db.getRepository(Organization).create({
      name: asText(name ?? bilingual('Алматы қаласының әкімдігі', 'Акимат города Алматы', 'Akimat of Almaty')),
      bin: makeBin(),
      address: asText(
        address ?? bilingual('Алматы қ., Республика алаңы, 4', 'г. Алматы, площадь Республики, 4', 'Almaty, Republic Square 4'),
      ),
      timeZone: 'Asia/Almaty',
      councilId: council.id,
      ...rest,
    }),
  );
}

/** The signed-in user as the guard would attach it, for calling services directly. */
export function asAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale === 'kk' || user.locale === 'en' ? user.locale : 'ru',
    organizationId: user.organizationId,
    councilId: user.councilId,
    isChair: user.isChair,
    emailVerified: user.emailVerifiedAt !== null,
  };
}

export interface CreatedUser {
  user: User;
  token: string;
  auth: { Authorization: string };
}

export async function createUser(t: TestApp, role: Role, overrides: Partial<User> = {}): Promise<CreatedUser> {
  passwordHash ??= hash(PASSWORD, { type: 2 });
  const email = overrides.email ?? `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const user = await t.db.getRepository(User).save({
    email,
    emailKey: emailKey(email),
    passwordHash: await passwordHash,
    displayName: `${role} ${email.slice(0, 12)}`,
    locale: 'en',
    role,
    organizationId: null,
    councilId: null,
    isChair: false,
    emailVerifiedAt: new Date(),
    ...overrides,
  });
  const token = t.app.get(TokenService).sign(user.id).token;
  return { user, token, auth: { Authorization: `Bearer ${token}` } };
}
