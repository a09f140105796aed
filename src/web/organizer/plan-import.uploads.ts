import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { SESSION_COOKIE } from '../../identity/auth/auth.guard';
import { IMPORT_LIMITS } from '../../plan-import/plan-import.columns';
import { IMPORT_CONFIRM_PATH, IMPORT_PREVIEW_PATH } from './plan-import.pages';

/** The only routes that read multipart/form-data: the import's two forms. */
const UPLOAD_ROUTES = new Set([IMPORT_PREVIEW_PATH, IMPORT_CONFIRM_PATH]);

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
 * it): the parser only marks such a request; this hook reads its parts into `request.body` (as a
 * form's fields, so the CSRF guard finds `_csrf`) for the import routes alone. A multipart body sent
 * anywhere else stays unread and has no fields (its form is refused for want of a CSRF token; the
 * API refuses it as UNSUPPORTED_MEDIA_TYPE before). Limits: one file of the import's size, a few
 * small fields, the confirm's copy of the file as one field of the same size (in bytes, plus room
 * for a line break of two bytes per line). Only a request with a session cookie is read: the
 * sign-in, role and CSRF checks come later, in the route.
 */
export async function registerImportUploads(instance: FastifyInstance): Promise<void> {
  await instance.register(multipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: IMPORT_LIMITS.maxBytes,
      files: 1,
      fields: 4,
      parts: 5,
      fieldNameSize: 20,
      fieldSize: IMPORT_LIMITS.maxBytes + 2 * (IMPORT_LIMITS.maxRows + 1),
      headerPairs: 20,
    },
  });
  // not an async hook: every request passes here, and only an import's upload has anything to wait for
  instance.addHook('preValidation', (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    if (!request.isMultipart() || !UPLOAD_ROUTES.has(request.routeOptions.url ?? '')) {
      done();
      return;
    }
    readUpload(request).then(() => done(), done);
  });
}

async function readUpload(request: FastifyRequest): Promise<void> {
  // no session, no reading: a signed-out client cannot make the server buffer a file; the route's
  // own checks then answer it as any signed-out form post (the sign-in redirect)
  if (!(request as { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE]) {
    request.body = {};
    return;
  }
  try {
    request.body = await readParts(request);
  } catch (error) {
    // the plugin's limits carry their 4xx status; a body busboy cannot parse is the client's fault too
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) throw error;
    throw new AppError('MALFORMED_REQUEST');
  }
}

async function readParts(request: FastifyRequest): Promise<ImportFormBody> {
  const body: ImportFormBody = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.fieldname !== 'file' || body.file) continue;
      if (part.file.truncated) body.fileTooLarge = true;
      else if (part.filename || content.length > 0) body.file = content;
      body.fileName = part.filename.slice(0, 200);
    } else if (typeof part.value === 'string' && ['_csrf', 'csv', 'fileName'].includes(part.fieldname)) {
      if (part.valueTruncated) body.fileTooLarge = true;
      else (body as Record<string, string>)[part.fieldname] = part.value;
    }
  }
  return body;
}
