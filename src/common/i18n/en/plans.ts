/** English texts of the "plans" section; ru and kk are typed by this object. */
export const plans = {
  /** A keyset cursor that encodeCursor did not write. */
  badCursor: 'is invalid',
};
