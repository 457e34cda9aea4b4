/**
 * Request validation errors as the API promises them: a 400 `BAD_INPUT` whose message names the
 * parameter (`body/status must be one of: unknown, learning, known, ignored`). Route plugins set
 * it with `app.setSchemaErrorFormatter(schemaError)`.
 */
import type { SchemaErrorFormatter } from 'fastify/types/schema.js';
import { AppError } from '../core/errors.js';

export const schemaError: SchemaErrorFormatter = (errors, dataVar) => {
  const first = errors[0];
  if (!first) return new AppError('BAD_INPUT', `The ${dataVar} is not valid.`);
  const where = `${dataVar}${first.instancePath}`;
  const params = first.params as {
    allowedValues?: unknown[];
    missingProperty?: string;
    additionalProperty?: string;
  };
  let message: string;
  if (params.allowedValues) message = `${where} must be one of: ${params.allowedValues.join(', ')}`;
  else if (params.missingProperty) message = `${where} must have "${params.missingProperty}"`;
  else if (params.additionalProperty)
    message = `${where} has "${params.additionalProperty}", which is not allowed`;
  else message = `${where} ${first.message ?? 'is not valid'}`;
  return new AppError('BAD_INPUT', `${message}.`);
};
