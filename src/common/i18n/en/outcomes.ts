/** English texts of the "outcomes" section; ru and kk are typed by this object. */
export const outcomes = {};
