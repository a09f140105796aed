/** English texts of the import of an annual plan (src/plan-import, src/web/organizer/plan-import*); ru and kk are typed by this object. */
export const planImport = {
  /** The columns as the preview and the messages name them. */
  columns: {
    planPointNumber: 'Plan point number',
    nameKk: 'Name in Kazakh',
    nameRu: 'Name in Russian',
    subjectCode: 'ENS TRU code',
    method: 'Procurement method',
    amount: 'Amount, tenge',
    quarter: 'Quarter',
    year: 'Year',
    deliveryPlaceKk: 'Delivery place in Kazakh',
    deliveryPlaceRu: 'Delivery place in Russian',
  } as Record<string, string>,
  /** Why a row is not imported (plan-import.parser.ts ROW_ERROR_CODES); {column} is the column's name. */
  rowErrors: {
    COLUMN_COUNT: 'The row has a different number of cells than the header row (a delimiter inside an unquoted value?).',
    REQUIRED: '{column}: fill it in.',
    TOO_LONG: '{column}: too long.',
    PLAN_POINT_REPEATED: '{column}: this number is already on an earlier row of the file.',
    METHOD_UNKNOWN:
      '{column}: unknown method; write one of open tender, auction, request for price offers, single source, commodity exchange, electronic shop.',
    AMOUNT_INVALID: '{column}: write whole tenge in digits, e.g. 12 500 000.',
    AMOUNT_FRACTION: '{column}: the amount has tiyn; plan amounts are whole tenge, round it in the plan.',
    QUARTER_INVALID: '{column}: write the quarter like 2027-Q2, or 1 to 4 with the year in the year column.',
    QUARTER_NEEDS_YEAR: '{column}: a quarter without a year needs a year column.',
  } as Record<string, string>,
  /** A row's status. */
  statuses: {
    new: 'will be created',
    exists: 'already imported, skipped',
    invalid: 'not imported',
    created: 'created',
  } as Record<string, string>,
  /** The organizer's page /organizer/import. */
  page: {
    title: 'Import from the annual procurement plan',
    intro:
      'Upload the annual plan as a CSV file (UTF-8; comma or semicolon delimited, as Excel saves it). Every row becomes a draft plan item; nothing is published. A plan point number already imported is skipped, so the same file can be uploaded again.',
    columnsHint:
      'Columns: plan point number, name in Kazakh, name in Russian, ENS TRU code, procurement method, amount (whole tenge), quarter (2027-Q2, or 1 to 4 with a year column), delivery place in Kazakh and in Russian (optional). Header names may be in Kazakh, Russian or English; other columns are ignored.',
    limits: 'At most {kb} KiB and {rows} rows per file.',
    sample: 'Sample file',
    file: 'CSV file of the annual plan',
    fileError: 'Choose a CSV file.',
    previewButton: 'Check the file',
    previewTitle: 'Check before importing',
    caption: 'Rows of the file {name}',
    colRow: 'Row',
    colStatus: 'Status',
    colErrors: 'Problems',
    summary: '{total} rows: {new} to create, {exists} already imported, {invalid} with errors.',
    invalidNote: 'Rows with errors are not imported; correct them in the file and upload it again.',
    confirmButton: 'Create {n} drafts',
    nothingToCreate: 'There is nothing to create: every row is imported already or has errors.',
    another: 'Upload another file',
    descriptionNote:
      'The description of each draft is its name until you change it. Check the drafts and complete their descriptions before publishing.',
    resultTitle: 'Import done',
    resultSummary: '{created} drafts created, {exists} rows skipped as already imported, {invalid} rows with errors.',
    toDrafts: 'Go to the drafts',
  },
};
