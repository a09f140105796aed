import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, 'ocds-standard');
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>;

/** RFC 7386 JSON Merge Patch: how an OCDS extension changes the release schema. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

export interface OcdsValidator {
  /** Schema errors of a release package (with its releases), as readable lines; empty when valid. */
  packageErrors(pkg: unknown): string[];
}

/** The release package schema with the release schema patched by the Enquiry extension, compiled with ajv (draft 4). */
export function ocdsValidator(): OcdsValidator {
  const release = mergePatch(read('release-schema.json'), read('enquiry-extension-release-schema.json')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(release, release.id as string);
  const validate = ajv.compile(read('release-package-schema.json'));
  return {
    packageErrors(pkg) {
      if (validate(pkg)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    },
  };
}
