/** English texts of the "documentation" section; ru and kk are typed by this object. */
export const documentation = {};
