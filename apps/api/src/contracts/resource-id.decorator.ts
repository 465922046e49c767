import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';

/**
 * An id given in a body (program, project, change request, obligation): it names a stream or a
 * sub-entity, so it has the format of ids in paths (see IdParamPipe).
 */
export function IsResourceId(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/, {
      message:
        '$property must be 1–100 letters, digits or . _ : - (starting with a letter or digit)',
    }),
  );
}
