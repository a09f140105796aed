import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

type Json = Record<string, unknown>;

/**
 * Checks every JSON answer of the API tests against the OpenAPI description (test-app.ts adds it to
 * each test app): the operation (method and route pattern) must document the status, and the body
 * must match the documented schema, with no undocumented field. Violations are kept and reported when
 * the app closes, so the test file fails with the list.
 */
export class ResponseContract {
  readonly violations: string[] = [];

  constructor(private readonly document: OpenAPIObject) {}

  /** Adds the check to a Fastify instance before it is ready. */
  install(instance: FastifyInstance): void {
    instance.addHook('onSend', (request, reply, payload, done) => {
      try {
        const route = request.routeOptions.url;
        if (route && (route.startsWith('/api/v1/') || route === '/health')) {
          this.check(request.method, route, reply.statusCode, String(reply.getHeader('content-type') ?? ''), payload);
        }
      } catch (error) {
        this.violations.push(`${request.method} ${request.url}: ${(error as Error).message}`);
      }
      done(null, payload);
    });
  }

  /** Throws the violations seen so far, readably. */
  assertNoViolations(): void {
    if (this.violations.length === 0) return;
    const unique = [...new Set(this.violations)];
    throw new Error(`API responses that break the OpenAPI description (${unique.length}):\n- ${unique.join('\n- ')}`);
  }

  private check(method: string, route: string, status: number, contentType: string, payload: unknown): void {
    if (method === 'HEAD' || method === 'OPTIONS') return;
    const path = route.replace(/:(\w+)/g, '{$1}');
    const operation = (this.document.paths[path] as Record<string, Json> | undefined)?.[method.toLowerCase()];
    const where = `${method} ${path} ${status}`;
    if (!operation) {
      this.violations.push(`${method} ${path}: the operation is not documented`);
      return;
    }
    // conditional GETs: HTTP's own answer, without a body
    if (status === 304) return;
    const response = (operation.responses as Record<string, Json>)[String(status)];
    if (!response) {
      this.violations.push(`${where}: the status is not documented`);
      return;
    }
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    const content = response.content as Record<string, { schema?: Json }> | undefined;
    if (!mediaType) return;
    if (!content?.[mediaType]) {
      this.violations.push(
        `${where}: the media type ${mediaType} is not documented (documented: ${Object.keys(content ?? {}).join(', ') || 'none'})`,
      );
      return;
    }
    if (mediaType !== 'application/json' || typeof payload !== 'string') return;
    const validate = validatorFor(this.document, where, content[mediaType].schema);
    if (!validate(JSON.parse(payload))) {
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      this.violations.push(`${where}: the body does not match the schema: ${errors.join('; ')}`);
    }
  }
}

// compiled once per process, by document (the description of every test app is the same but its server)
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();
let componentsFor: string | null = null;

function validatorFor(document: OpenAPIObject, key: string, schema: Json | undefined): ValidateFunction {
  const fingerprint = JSON.stringify(document.components?.schemas ?? {});
  if (componentsFor !== fingerprint) {
    if (componentsFor !== null) ajv.removeSchema('openapi');
    validators.clear();
    const definitions = Object.fromEntries(
      Object.entries(document.components?.schemas ?? {}).map(([name, s]) => [name, toJsonSchema(s as Json)]),
    );
    ajv.addSchema({ $id: 'openapi', definitions });
    componentsFor = fingerprint;
  }
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema ? toJsonSchema(schema) : {});
    validators.set(key, validate);
  }
  return validate;
}

/**
 * An OpenAPI 3.0 schema as JSON Schema: `nullable` as a null alternative, references into the shared
 * definitions, and objects closed to fields their schema does not name.
 */
export function toJsonSchema(schema: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/components/schemas/', 'openapi#/definitions/');
    else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s as Json)]));
    } else if (Array.isArray(value)) out[key] = value.map((item) => (isObject(item) ? toJsonSchema(item) : item));
    else if (isObject(value) && key !== 'enum') out[key] = toJsonSchema(value);
    else out[key] = value;
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (schema.nullable === true) {
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
