/** For class-transformer's @Transform in request DTOs: text loses its surrounding white space; other values stay as they are. */
export const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
