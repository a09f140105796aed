import type { commitments as en } from '../en/commitments';

export const commitments: typeof en = {};
