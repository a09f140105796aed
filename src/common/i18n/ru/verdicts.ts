import type { verdicts as en } from '../en/verdicts';

export const verdicts: typeof en = {};
