/** English texts of the "errors" section; ru and kk are typed by this object. */
export const errors = {};
