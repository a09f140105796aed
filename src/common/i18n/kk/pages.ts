import { common } from './pages/common';
import { plan } from './pages/plan';
import { citizen } from './pages/citizen';
import { council } from './pages/council';
import { admin } from './pages/admin';
import { organizer } from './pages/organizer';
import { planTexts } from './pages/plan-texts';
import { moderation } from './pages/moderation';

import type { pages as en } from '../en/pages';

export const pages: typeof en = { common, plan, citizen, council, admin, organizer, planTexts, moderation };
