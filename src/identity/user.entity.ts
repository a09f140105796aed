import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export type Role = 'citizen' | 'organizer' | 'council_member' | 'moderator' | 'admin';
export const ROLES: Role[] = ['citizen', 'organizer', 'council_member', 'moderator', 'admin'];

@Entity('users')
/** The administrator's staff list, newest first (citizens are not staff). */
@Index('users_staff_created_idx', ['createdAt', 'id'], { where: "role <> 'citizen'" })
@Check('users_role_ck', "role IN ('citizen','organizer','council_member','moderator','admin')")
@Check('users_locale_ck', "locale IN ('kk','ru','en')")
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** As the person typed it, normalized (common/email-address.ts: NFKC, no invisible characters, domain in ASCII); shown to nobody but them. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  /** The address's key (common/email-address.ts: also lower-cased): one account per mailbox. */
  @Index('users_email_key_uq', { unique: true })
  @Column({ name: 'email_key', type: 'varchar', length: 320 })
  emailKey: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 2, default: 'ru' })
  locale: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Index('users_organization_idx')
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  // By entity name: organizations sit above identity, which does not import them.
  @ManyToOne('Organization', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'users_organization_id_fk' })
  organization?: object;

  @Index('users_council_idx')
  @Column({ name: 'council_id', type: 'uuid', nullable: true })
  councilId: string | null;

  @ManyToOne('Council', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'council_id', foreignKeyConstraintName: 'users_council_id_fk' })
  council?: object;

  @Column({ name: 'is_chair', type: 'boolean', default: false })
  isChair: boolean;

  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /**
   * Sessions issued before this moment (real time) are over: set by "sign out everywhere" and by a
   * password reset. Null: none was ended this way.
   */
  @Column({ name: 'sessions_valid_after', type: 'timestamptz', nullable: true })
  sessionsValidAfter: Date | null;

  /**
   * When the person consented to the publication of their display name and remarks (Law on Personal
   * Data), on the registration page or with `consent: true` to the API; null: not recorded.
   */
  @Column({ name: 'consent_at', type: 'timestamptz', nullable: true })
  consentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
