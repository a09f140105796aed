/** English texts of the "procedure" section; ru and kk are typed by this object. */
export const procedure = {};
