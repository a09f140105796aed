import type { procedure as en } from '../en/procedure';

export const procedure: typeof en = {};
