import type { remarks as en } from '../en/remarks';

export const remarks: typeof en = {};
