import type { Locale } from '../../common/i18n/locale';
import type { Role } from '../user.entity';

/** The signed-in person as the request sees it. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  locale: Locale;
  organizationId: string | null;
  councilId: string | null;
  isChair: boolean;
  emailVerified: boolean;
}
