import type { outcomes as en } from '../en/outcomes';

export const outcomes: typeof en = {};
