/** English texts of the "calendar" section; ru and kk are typed by this object. */
export const calendar = {};
