/** Kazakhstan's IANA time zones (all UTC+5 since March 2024), for the organizer form. */
export const KZ_TIME_ZONES = [
  'Asia/Almaty',
  'Asia/Qostanay',
  'Asia/Qyzylorda',
  'Asia/Aqtobe',
  'Asia/Aqtau',
  'Asia/Atyrau',
  'Asia/Oral',
] as const;
