import type { forms as en } from '../en/forms';

export const forms: typeof en = {};
