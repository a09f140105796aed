/** English texts of the "remarks" section; ru and kk are typed by this object. */
export const remarks = {};
