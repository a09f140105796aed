import type { plans as en } from '../en/plans';

export const plans: typeof en = {
  badCursor: 'қате толтырылған',
};
