import { assertNever, type ProgramEvent } from '@ledger/domain';
import type { PublicFact } from '../public-fact';

/** Program events → public facts. Manager assignment and attach/detach stay internal. */
export function mapProgramEvent(event: ProgramEvent): PublicFact | null {
  switch (event.type) {
    case 'ProgramCreated': {
      const { programId, name, customer } = event.data;
      return {
        type: 'com.delivery-ledger.program.created.v1',
        subject: `programs/${programId}`,
        owner: { kind: 'program', id: programId },
        data: { programId, name, customer: { id: customer.id, name: customer.name } },
      };
    }
    case 'ProgramClosed': {
      const { programId, reason } = event.data;
      return {
        type: 'com.delivery-ledger.program.closed.v1',
        subject: `programs/${programId}`,
        owner: { kind: 'program', id: programId },
        data: { programId, reason },
      };
    }
    case 'ProjectAttachedToProgram':
    case 'ProjectDetachedFromProgram':
    case 'ProgramManagerAssigned':
      return null;
    default:
      return assertNever(event);
  }
}
