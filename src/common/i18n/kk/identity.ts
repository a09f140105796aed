import type { identity as en } from '../en/identity';

export const identity: typeof en = {};
