/** English texts of the "pages" section; ru and kk are typed by this object. */
export const pages = {};
