import { Injectable } from '@nestjs/common';
import { CSV_BOM, type CsvSeparator } from '../../outcomes/csv';
import { Clock } from '../../common/clock';
import { AppError } from '../../common/errors/app-error';
import { validationError } from '../../common/errors/validation';
import { csvHeader, csvLine, exportedRemarks, ExportedRemark } from './remark-export';
import { ExportFilter, ExportPosition, RemarkExportRepository } from './remark-export.repository';

export type ExportFormat = 'csv' | 'json';

/**
 * The bulk export of public remarks, read in keyset batches (three statements per batch: remarks,
 * their answer versions, those versions' verdicts) and written out batch by batch: at most one
 * batch is held in memory, and the next is read only when the reply has taken the last one
 * (the caller wraps the chunks in a stream that pulls them).
 */
@Injectable()
export class RemarkExportService {
  /** Remarks per batch (tests make it smaller). */
  batchSize = 1000;

  constructor(
    private readonly repository: RemarkExportRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * 400 VALIDATION_FAILED for a `since` later than now (nothing has changed then, and the keyset
   * would read every remark to find that out); 404 ORGANIZATION_NOT_FOUND for an organization that
   * does not exist (a mistyped id gives no empty file).
   */
  async check(filter: ExportFilter): Promise<void> {
    if (filter.since && filter.since.getTime() > this.clock.now().getTime())
      throw validationError([{ field: 'since', constraint: 'notInFuture', message: (t) => t.errors.fields.constraints.notInFuture }]);
    if (filter.organizationId && !(await this.repository.organizationExists(filter.organizationId)))
      throw new AppError('ORGANIZATION_NOT_FOUND');
  }

  /**
   * The export's text, one chunk per batch: CSV with a byte order mark and a header row (fields
   * separated by `separator`), or one JSON array.
   */
  async *chunks(format: ExportFormat, filter: ExportFilter, separator: CsvSeparator = ','): AsyncGenerator<string> {
    let first = true;
    if (format === 'csv') yield CSV_BOM + csvHeader(separator);
    else yield '[';
    for await (const batch of this.batches(filter)) {
      if (format === 'csv') yield batch.map((r) => csvLine(r, separator)).join('');
      else {
        yield (first ? '\n' : ',\n') + batch.map((r) => JSON.stringify(r)).join(',\n');
        first = false;
      }
    }
    if (format === 'json') yield first ? ']\n' : '\n]\n';
  }

  /** The records, batch by batch, oldest first. */
  async *batches(filter: ExportFilter): AsyncGenerator<ExportedRemark[]> {
    let after: ExportPosition | null = null;
    const activityTracked = filter.since !== null && (await this.repository.activityTrackedAt(filter.since));
    for (;;) {
      const remarks = await this.repository.remarks(filter, after, this.batchSize, activityTracked);
      if (remarks.length === 0) return;
      const answers = await this.repository.answers(remarks.map((r) => r.id));
      const verdicts = await this.repository.verdicts(answers.map((a) => a.id));
      yield exportedRemarks(remarks, answers, verdicts);
      if (remarks.length < this.batchSize) return;
      const last = remarks[remarks.length - 1];
      after = { createdAtKey: last.created_at_key, id: last.id };
    }
  }
}
