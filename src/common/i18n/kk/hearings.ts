import type { hearings as en } from '../en/hearings';

export const hearings: typeof en = {};
