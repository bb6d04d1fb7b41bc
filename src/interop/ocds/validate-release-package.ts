import fs from 'node:fs';
import path from 'node:path';
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { REFERENCE_DIR } from '../../paths.js';
import { applyMergePatch, type Json } from './apply-merge-patch.js';
import { OCDS_EXTENSIONS } from './ocds-extensions.js';

// Both packages ship CommonJS with an ES-style default in their types; Node hands us the export
// itself, TypeScript expects it under `.default`. Accept both.
type AjvClass = typeof AjvModule.default;
// CommonJS packages with an ES-style default in their types: Node hands over the export itself, TypeScript expects `.default`.
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? AjvModule) as AjvClass;
type AddFormats = typeof addFormatsModule.default;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as AddFormats;

const OCDS_DIR = path.join(REFERENCE_DIR, 'ocds');

export interface ValidationError {
  /** JSON pointer into the package, e.g. `/releases/0/tender/lots/1/value/amount`. */
  path: string;
  message: string;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

const readJson = (...parts: string[]): Json => JSON.parse(fs.readFileSync(path.join(OCDS_DIR, ...parts), 'utf8')) as Json;

/**
 * The OCDS 1.1.5 release schema with the four extensions applied as JSON Merge Patches, in the
 * order of `OCDS_EXTENSIONS`. The lots extension refers to `SubmissionTerms`, which the
 * submissionTerms extension defines; Hänsyn does not use that extension, so the definition is an
 * open object here (anything there goes unvalidated, and Hänsyn never writes it).
 */
export function patchedReleaseSchema(): Json {
  let schema = readJson('schema', 'release-schema.json');
  for (const extension of OCDS_EXTENSIONS) {
    schema = applyMergePatch(schema, readJson('extensions', extension.folder, 'release-schema.json'));
  }
  return applyMergePatch(schema, {
    definitions: { SubmissionTerms: { type: 'object', description: 'Defined by ocds_submissionTerms_extension, not used by Hänsyn.' } },
  });
}

let compiled: ValidateFunction | null = null;

/**
 * Ajv (JSON Schema draft 4, which OCDS 1.1 is written in) is used here only to check our output
 * against OCP's external schema; Hänsyn's own edges are validated with TypeBox (decision 0105).
 * OCDS's own keywords (`codelist`, `openCodelist`, `mergeStrategy` …) are annotations and ignored.
 */
function validator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(patchedReleaseSchema() as object);
  compiled = ajv.compile(readJson('schema', 'release-package-schema.json') as object);
  return compiled;
}

const describe = (error: ErrorObject): ValidationError => {
  const detail =
    error.keyword === 'enum'
      ? `${error.message}: ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`
      : error.keyword === 'additionalProperties'
        ? `${error.message}: ${(error.params as { additionalProperty: string }).additionalProperty}`
        : (error.message ?? error.keyword);
  return { path: error.instancePath || '/', message: detail };
};

/** Validates a release package against the OCDS 1.1 release-package schema and the four extensions. */
export function validateReleasePackage(releasePackage: unknown): ValidationResult {
  const validate = validator();
  const valid = validate(releasePackage);
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describe) };
}
