import type { en } from './en';

/**
 * The shape of a language's catalogue: the English one's. A key missing (or a text function with other
 * parameters) in kk or ru is a type error.
 */
export type Catalogue = typeof en;
