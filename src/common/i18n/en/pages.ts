import { common } from './pages/common';
import { plan } from './pages/plan';
import { citizen } from './pages/citizen';
import { council } from './pages/council';
import { admin } from './pages/admin';
import { organizer } from './pages/organizer';
import { planTexts } from './pages/plan-texts';
import { moderation } from './pages/moderation';

/** English texts of the "pages" section (src/web), one sub-file per area; ru and kk are typed by this object. */
export const pages = { common, plan, citizen, council, admin, organizer, planTexts, moderation };
