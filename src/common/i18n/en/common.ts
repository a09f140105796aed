/** English texts of the "common" section; ru and kk are typed by this object. */
export const common = {};
