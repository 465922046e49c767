import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { RequestValidationError } from './request-validation';
import { RESOURCE_ID, resourceIdMessage } from './resource-id';

/**
 * Ids in paths become parts of stream names (`project-<id>`): letters, digits and `._:-` only,
 * at most 100 characters (RESOURCE_ID). Anything else is a 400 naming the parameter, before any
 * read.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !RESOURCE_ID.test(value)) {
      const name = metadata.data ?? 'id';
      throw new RequestValidationError([
        { field: `path:${name}`, rule: 'idFormat', message: resourceIdMessage(name) },
      ]);
    }
    return value;
  }
}
