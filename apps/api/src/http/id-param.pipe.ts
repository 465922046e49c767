import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { RequestValidationError } from './request-validation';

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * Ids in paths become parts of stream names (`project-<id>`): letters, digits and `._:-` only,
 * at most 100 characters. Anything else is a 400 naming the parameter, before any read.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !ID.test(value)) {
      throw new RequestValidationError([
        {
          field: `path:${metadata.data ?? 'id'}`,
          rule: 'idFormat',
          message: `${metadata.data ?? 'id'} must be 1–100 letters, digits or . _ : - (starting with a letter or digit)`,
        },
      ]);
    }
    return value;
  }
}
