import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { API } from '../../common/api';
import { ApiErrors } from '../../common/openapi';
import { ExportRateLimit } from './export-rate-limit';
import { RemarkCsvExportQuery, RemarkExportQuery } from './remark-export.dto';
import { ExportedRemarkSchema } from './remark-export.schemas';
import { ExportFormat, RemarkExportService } from './remark-export.service';
import { type CsvSeparator, csvSeparatorNamed } from '../../outcomes/csv';
import type { ExportFilter } from './remark-export.repository';

const CONTENT_TYPES: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' };

const WHAT =
  'Every public remark (of published plans), oldest first, with its plan, organization, moderation state (hidden: no text; masked: personal data masked), ' +
  "every answer version and the author's verdict on each; no author names or e-mail addresses. Streamed in batches; " +
  'EXPORT_RATE_PER_HOUR (30) exports per client per hour (an IPv4 address, or an IPv6 /64 network) and 2 at a time per server ' +
  '(429 RATE_LIMITED with Retry-After); a `since` later than now is 400; a database statement over its time limit is 503 SERVICE_UNAVAILABLE. ';

@ApiTags('open data')
@Controller(API)
export class RemarkExportController {
  constructor(
    private readonly exports: RemarkExportService,
    private readonly limit: ExportRateLimit,
  ) {}

  @Get('export/remarks.csv')
  @ApiOperation({
    summary:
      WHAT +
      'CSV (RFC 4180, UTF-8 with a byte order mark for spreadsheet programs, a header row, cells that would start a formula prefixed with an apostrophe; ' +
      '`?separator=semicolon` for Excel in a Russian or Kazakh locale): ' +
      'one row per remark with its latest answer version and that version’s verdict; the verdicts on earlier versions in `earlier_verdicts`',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file (attachment remarks.csv)', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors(400, 404, 429)
  csv(@Query() query: RemarkCsvExportQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send('csv', query, request, reply, csvSeparatorNamed(query.separator));
  }

  @Get('export/remarks.json')
  @ApiOperation({ summary: WHAT + 'JSON: one array of remarks, each with every answer version (latest first) and its verdict' })
  @ApiExtraModels(ExportedRemarkSchema)
  @ApiOkResponse({
    description: 'The JSON file (attachment remarks.json)',
    content: { 'application/json': { schema: { type: 'array', items: { $ref: getSchemaPath(ExportedRemarkSchema) } } } },
  })
  @ApiErrors(400, 404, 429)
  json(@Query() query: RemarkExportQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send('json', query, request, reply);
  }

  /**
   * Refusals (bad query, unknown organization, rate limits) and the first batch come before the first
   * byte, so they are answered with their status; a failure later cuts the transfer off (the file is
   * then incomplete: no closing `]`, and no final chunk of the chunked encoding). The export's slot
   * (ExportRateLimit.take) is given back when the connection's answer ends, however it ends.
   */
  private async send(
    format: ExportFormat,
    query: RemarkExportQuery,
    request: FastifyRequest,
    reply: FastifyReply,
    separator: CsvSeparator = ',',
  ): Promise<Readable> {
    const filter: ExportFilter = { since: query.since ? new Date(query.since) : null, organizationId: query.organizationId ?? null };
    await this.exports.check(filter);
    const release = this.limit.take();
    reply.raw.once('close', release);
    await this.limit.hit(request.ip);
    const chunks = this.exports.chunks(format, filter, separator);
    const head = await chunks.next();
    const second = await chunks.next();
    void reply.header('content-type', CONTENT_TYPES[format]).header('content-disposition', `attachment; filename="remarks.${format}"`);
    return Readable.from(resume(head, second, chunks), { objectMode: false, highWaterMark: 64 * 1024 });
  }
}

/** The chunks already read, then the rest as the reply pulls them; ends the generator when the reply is closed early. */
async function* resume(head: IteratorResult<string>, second: IteratorResult<string>, rest: AsyncGenerator<string>): AsyncGenerator<string> {
  try {
    for (const read of [head, second]) {
      if (read.done) return;
      yield read.value;
    }
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}
