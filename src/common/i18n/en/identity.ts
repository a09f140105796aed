/** English texts of the "identity" section; ru and kk are typed by this object. */
export const identity = {};
