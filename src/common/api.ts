/** Every API route starts with this prefix (api.md). */
export const API = 'api/v1';
