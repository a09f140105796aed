import type { documentation as en } from '../en/documentation';

export const documentation: typeof en = {};
