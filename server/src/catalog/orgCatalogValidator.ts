/**
 * JSON Schema validation of organisation catalogs. Bundled on its own (dist/catalog-validator.js)
 * and loaded on first use, so that the server and CLI start without compiling ajv.
 */
import Ajv, { type ErrorObject } from 'ajv';
import schema from '../../../catalog/schema.json';

export type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

export function createValidators(): { validateDoc: Validate; validateEntry: Validate } {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(schema, 'catalog');
  return { validateDoc: ajv.getSchema('catalog')!, validateEntry: ajv.getSchema('catalog#/definitions/entry')! };
}
