import { isValidBin } from './bin';

describe('isValidBin', () => {
  it('accepts numbers with the right check digit', () => {
    expect(isValidBin('940240000438')).toBe(true); // first weights give 8
    expect(isValidBin('000740001307')).toBe(true); // first weights give 10, second give 7
  });

  it('rejects wrong check digits, lengths and non-digits', () => {
    expect(isValidBin('940240000437')).toBe(false);
    expect(isValidBin('000740001308')).toBe(false);
    expect(isValidBin('00074000130')).toBe(false);
    expect(isValidBin('00074000130a')).toBe(false);
    expect(isValidBin(' 000740001307')).toBe(false);
  });
});
