import { dateTag, daysLeft, formatDate, formatDateTime, formatTenge, timeTag, zoneLabel } from './format';

describe('page formatting', () => {
  it('formats instants in the organizer time zone', () => {
    const s = formatDateTime('2027-03-17T18:59:59.999Z', 'Asia/Almaty', 'en');
    expect(s).toContain('17 March 2027');
    expect(s).toContain('23:59');
    expect(formatDateTime('2027-03-17T18:59:59.999Z', 'Asia/Almaty', 'ru')).toContain('марта');
  });
  it('formats dates and tenge', () => {
    expect(formatDate('2027-03-27', 'en')).toBe('27 March 2027');
    expect(formatTenge(12500000, 'ru').replace(/\s/g, ' ')).toMatch(/12 500 000 ₸/);
    expect(formatTenge(1000, 'en')).toContain('1,000');
  });
  it('labels the time zone with its offset as people write it', () => {
    expect(zoneLabel('Asia/Almaty', new Date('2027-03-01T05:00:00Z'))).toBe('Asia/Almaty, UTC+5');
    expect(zoneLabel('Asia/Kolkata', new Date('2027-03-01T05:00:00Z'))).toBe('Asia/Kolkata, UTC+5:30');
  });
  it('counts calendar days left in the local zone', () => {
    const now = new Date('2027-03-01T05:00:00Z'); // 10:00 Almaty
    expect(daysLeft(now, '2027-03-17T18:59:59.999Z', 'Asia/Almaty')).toBe(16);
    expect(daysLeft(now, '2027-03-01T18:59:59.999Z', 'Asia/Almaty')).toBe(0);
  });
});

describe('times on the pages', () => {
  it('an instant is a <time> with its moment in the zone it is shown in', () => {
    expect(timeTag('2027-03-17T18:59:59.999Z', 'Asia/Almaty', 'en').toString()).toBe(
      '<time datetime="2027-03-17T23:59:59.999+05:00">17 March 2027 at 23:59</time>',
    );
  });
  it('a calendar date is a <time> with the date', () => {
    expect(dateTag('2027-03-27', 'kk').toString()).toMatch(/^<time datetime="2027-03-27">2027 ж. 27 наурыз<\/time>$/);
  });
});
