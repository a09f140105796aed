import type { councilCheck as en } from '../en/council-check';

export const councilCheck: typeof en = {};
