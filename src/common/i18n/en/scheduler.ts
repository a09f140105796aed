/** English texts of the "scheduler" section; ru and kk are typed by this object. */
export const scheduler = {};
