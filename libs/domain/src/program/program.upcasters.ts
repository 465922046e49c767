import type { EventUpcaster } from '../shared';

/**
 * ProgramCreated v1 → v2: v2 names the program manager at creation (`managerId`, null when none
 * was named). Every program created before v2 had no manager at creation, so null is the fact,
 * not a guess; a later ProgramManagerAssigned still sets one.
 */
const programCreatedV1ToV2: EventUpcaster = {
  type: 'ProgramCreated',
  fromVersion: 1,
  upcast: (data) => ({ ...data, managerId: null }),
};

export const programUpcasters: readonly EventUpcaster[] = [programCreatedV1ToV2];
