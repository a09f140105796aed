import { reportCsvHref } from './report-csv-link';

describe('reportCsvHref', () => {
  const id = '0b5f4c1e-3d7a-4c1b-9a57-2f1e8d6c4b3a';

  it('semicolons for readers in Kazakh and Russian (their Excel splits on them), commas in English', () => {
    expect(reportCsvHref(id, 'kk')).toBe(`/api/v1/plans/${id}/report?format=csv&separator=semicolon`);
    expect(reportCsvHref(id, 'ru')).toBe(`/api/v1/plans/${id}/report?format=csv&separator=semicolon`);
    expect(reportCsvHref(id, 'en')).toBe(`/api/v1/plans/${id}/report?format=csv`);
  });
});
