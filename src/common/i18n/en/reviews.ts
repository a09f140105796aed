/** English texts of the "reviews" section; ru and kk are typed by this object. */
export const reviews = {};
