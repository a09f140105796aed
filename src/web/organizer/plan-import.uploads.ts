import { Busboy, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../common/errors/app-error';
import { SESSION_COOKIE } from '../../identity/auth/auth.guard';
import { IMPORT_LIMITS } from '../../plan-import/plan-import.columns';
import { IMPORT_CONFIRM_PATH, IMPORT_PREVIEW_PATH } from './plan-import.pages';

/** The only routes that read multipart/form-data: the import's two forms. */
const UPLOAD_ROUTES = new Set([IMPORT_PREVIEW_PATH, IMPORT_CONFIRM_PATH]);

// busboy's multipart parser has no limit on a field's name (fieldNameSize is for urlencoded bodies):
// a part's headers, the name with them, are bounded by its 80 KiB, and a name not ours is dropped.
const LIMITS = {
  fileSize: IMPORT_LIMITS.maxBytes,
  files: 1,
  fields: 4,
  parts: 5,
  fieldSize: IMPORT_LIMITS.maxBytes + 2 * (IMPORT_LIMITS.maxRows + 1),
  headerPairs: 20,
};

const TEXT_FIELDS = new Set(['_csrf', 'csv', 'fileName']);

/** The requests whose multipart body the parser left unread. */
const multipartRequests = new WeakSet<FastifyRequest>();

/** What an import form sent: its text fields, and the uploaded file (`file`) if any. */
export interface ImportFormBody {
  _csrf?: string;
  csv?: string;
  fileName?: string;
  file?: Buffer;
  /** The file was cut at the size limit. */
  fileTooLarge?: boolean;
}

/**
 * Lets the import's page forms post multipart/form-data (a file, and the confirm's hidden copy of
 * it): the parser only marks such a request; a preValidation hook of the import's two routes alone
 * reads its parts with busboy into `request.body` (as a form's fields, so the CSRF guard finds
 * `_csrf`): the fields `_csrf`, `csv` and `fileName`, and the file of the field `file` (its name cut
 * to 200 characters); any other part is dropped. A multipart body sent anywhere else stays unread
 * and has no fields (its form is refused for want of a CSRF token; the API refuses it as
 * UNSUPPORTED_MEDIA_TYPE before). A body busboy cannot parse is MALFORMED_REQUEST, one sent with a
 * Content-Encoding UNSUPPORTED_MEDIA_TYPE. Limits: one file
 * of the import's size, a few small fields, the confirm's copy of the file as one field of the same
 * size (in bytes, plus room for a line break of two bytes per line); a file or field cut at its
 * limit is `fileTooLarge`, more parts, files or fields than that PAYLOAD_TOO_LARGE. Only a request
 * with a session cookie is read: the sign-in, role and CSRF checks come later, in the route. Call
 * before the routes are registered (app.init()).
 */
export function registerImportUploads(instance: FastifyInstance): void {
  instance.addContentTypeParser('multipart/form-data', (request, _payload, done) => {
    multipartRequests.add(request);
    done(null);
  });
  instance.addHook('onRoute', (route: RouteOptions) => {
    if (route.method !== 'POST' || !UPLOAD_ROUTES.has(route.url)) return;
    const own = route.preValidation === undefined ? [] : Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation];
    route.preValidation = [readUpload, ...own];
    // the body is read from the socket here, so compression's request decompression must not read it too
    route.decompress = false;
  });
}

async function readUpload(request: FastifyRequest): Promise<void> {
  if (!multipartRequests.has(request)) return;
  // no session, no reading: a signed-out client cannot make the server buffer a file; the route's
  // own checks then answer it as any signed-out form post (the sign-in redirect)
  if (!(request as { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE]) {
    request.body = {};
    return;
  }
  // no browser compresses a form's body; one that says so is refused, not read as if it were plain
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    request.raw.resume();
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  request.body = await readParts(request.raw);
}

function readParts(raw: IncomingMessage): Promise<ImportFormBody> {
  return new Promise((resolve, reject) => {
    const body: ImportFormBody = {};
    let parser: BusboyInstance | undefined;
    const fail = (error: AppError) => {
      if (parser) raw.unpipe(parser);
      // the rest of the body is read and dropped: the answer goes out, and a kept-alive connection serves the next request
      raw.resume();
      reject(error);
    };
    const malformed = () => fail(new AppError('MALFORMED_REQUEST'));
    const tooLarge = () => fail(new AppError('PAYLOAD_TOO_LARGE'));
    try {
      parser = Busboy({ headers: raw.headers as BusboyHeaders, limits: LIMITS });
    } catch {
      // no boundary
      malformed();
      return;
    }
    let sawData = false;
    raw.once('data', () => (sawData = true));
    raw.on('close', () => {
      if (!raw.readableEnded) malformed();
    });
    parser.on('partsLimit', tooLarge).on('filesLimit', tooLarge).on('fieldsLimit', tooLarge);
    parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (!TEXT_FIELDS.has(name)) return;
      if (valueTruncated) body.fileTooLarge = true;
      else (body as Record<string, string>)[name] = value;
    });
    parser.on('file', (name, file, filename) => {
      // a part cut short errs on its stream: unlistened, that would crash the process
      file.on('error', malformed);
      if (name !== 'file') {
        file.resume();
        return;
      }
      // busboy takes a part of type application/octet-stream without a filename for a file too
      if ((filename as string | undefined) === undefined) {
        malformed();
        return;
      }
      // at the part's start, so that a `fileName` field after it wins, as one before it loses
      body.fileName = filename.slice(0, 200);
      const chunks: Buffer[] = [];
      file.on('data', (chunk: Buffer) => chunks.push(chunk));
      file.on('end', () => {
        const content = Buffer.concat(chunks);
        if (file.truncated) body.fileTooLarge = true;
        else if (filename || content.length > 0) body.file = content;
      });
    });
    parser.on('finish', () => resolve(body));
    parser.on('error', (error: Error) => {
      // an empty body is an empty form
      if (!sawData && error.message === 'Unexpected end of multipart data') resolve(body);
      else malformed();
    });
    raw.pipe(parser);
  });
}
