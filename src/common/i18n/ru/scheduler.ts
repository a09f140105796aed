import type { scheduler as en } from '../en/scheduler';

export const scheduler: typeof en = {};
