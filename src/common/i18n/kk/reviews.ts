import type { reviews as en } from '../en/reviews';

export const reviews: typeof en = {};
