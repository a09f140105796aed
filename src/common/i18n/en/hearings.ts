/** English texts of the "hearings" section; ru and kk are typed by this object. */
export const hearings = {};
