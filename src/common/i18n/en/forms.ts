/** English texts of the "forms" section; ru and kk are typed by this object. */
export const forms = {};
