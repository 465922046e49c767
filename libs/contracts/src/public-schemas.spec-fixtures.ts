import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { PublicCloudEvent } from './cloud-event';
import type { JsonSchema } from './json-schema';
import { PUBLIC_EVENT_TYPES, type PublicEventType } from './public-event-types';
import { CLOUD_EVENT_ENVELOPE_SCHEMA, PUBLIC_EVENT_SCHEMAS } from './schema-registry';

/** Tests only (ajv is a dev dependency): checks a public CloudEvent against its schemas. */
export interface PublicEventValidator {
  /** The schema errors of `event` (envelope, then its data against its type's schema); [] = valid. */
  errorsOf(event: PublicCloudEvent | Record<string, unknown>): string[];
}

export function newAjv(): Ajv {
  // strict: an unknown keyword or format in a schema file is an error, not ignored.
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

export function publicEventValidator(
  schemas: Readonly<Record<PublicEventType, JsonSchema>> = PUBLIC_EVENT_SCHEMAS,
): PublicEventValidator {
  const ajv = newAjv();
  const envelope = ajv.compile(CLOUD_EVENT_ENVELOPE_SCHEMA);
  const byType = new Map<string, ValidateFunction>(
    PUBLIC_EVENT_TYPES.map((type) => [type, ajv.compile(schemas[type])]),
  );
  const describe = (where: string, validate: ValidateFunction): string[] =>
    (validate.errors ?? []).map(
      (e) => `${where}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    );
  return {
    errorsOf(event) {
      if (!envelope(event)) return describe('envelope', envelope);
      const validate = byType.get(String(event['type']));
      if (!validate) return [`no schema for type ${String(event['type'])}`];
      if (!validate(event['data'])) return describe(`${String(event['type'])} data`, validate);
      return [];
    },
  };
}
