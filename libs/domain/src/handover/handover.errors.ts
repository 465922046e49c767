import { DomainError, inputErrors, type Role } from '../shared';
import type { HandoverKind } from './handover-roles';

export const handoverErrors = {
  /** Addressed under a project it does not belong to: as unknown there as a missing one. */
  notInProject: (projectId: string) =>
    new DomainError('handover-not-found', `no such handover in project ${projectId}`, 'not-found'),
  alreadyExists: (handoverId: string) =>
    new DomainError('handover-already-exists', `handover ${handoverId} already exists`, 'conflict'),
  notFound: () => new DomainError('handover-not-found', 'no such handover', 'not-found'),
  final: (handoverId: string, status: string) =>
    new DomainError(
      'handover-final',
      `handover ${handoverId} is ${status} and takes no more changes; initiate a new handover for another attempt`,
      'rule-violated',
      { status },
    ),

  // Initiating
  kindUnknown: (kind: string) =>
    new DomainError(
      'handover-kind-unknown',
      `a handover is sell-to-execute or delivery-to-care, not "${kind}"`,
    ),
  onlySendingSideMayInitiate: (kind: HandoverKind, allowed: readonly Role[]) =>
    new DomainError(
      'only-sending-side-may-initiate',
      `a ${kind} handover is initiated by the sending side (${allowed.join(' or ')})`,
      'not-permitted',
      { kind, allowed },
    ),
  checklistEmpty: () =>
    new DomainError('checklist-empty', 'a handover needs a checklist with at least one item'),
  checklistItemInvalid: (index: number) =>
    new DomainError(
      'checklist-item-invalid',
      `checklist item ${index} needs an id, a title and a mandatory flag`,
      'rule-violated',
      { index },
    ),
  checklistItemIdsNotUnique: (duplicates: readonly string[]) =>
    new DomainError(
      'checklist-item-ids-not-unique',
      `checklist item ids must be unique (${duplicates.join(', ')})`,
      'rule-violated',
      { duplicates },
    ),

  // Items
  itemNotFound: (itemId: string) =>
    new DomainError('handover-item-not-found', `no checklist item ${itemId}`, 'not-found', {
      itemId,
    }),
  itemAlreadyAccepted: (itemId: string) =>
    new DomainError('item-already-accepted', `item ${itemId} is already accepted`, 'conflict'),
  itemNotSubmitted: (itemId: string) =>
    new DomainError(
      'item-not-submitted',
      `item ${itemId} has no evidence awaiting review; submit evidence first`,
    ),
  evidenceRefRequired: () =>
    new DomainError('evidence-ref-required', 'evidence needs a reference to the document'),

  // Receiving-side decisions
  onlyReceivingSideMayApprove: (kind: HandoverKind, receivingRole: Role) =>
    new DomainError(
      'only-receiving-side-may-approve',
      `only the receiving side (${receivingRole}) decides on a ${kind} handover`,
      'not-permitted',
      { kind, receivingRole },
    ),
  senderCannotApprove: (sub: string) =>
    new DomainError(
      'sender-cannot-approve-own-handover',
      `${sub} initiated this handover and cannot also decide on it (segregation of duties)`,
      'not-permitted',
    ),
  mandatoryItemsNotAccepted: (itemIds: readonly string[]) =>
    new DomainError(
      'mandatory-items-not-accepted',
      `every mandatory item must be accepted before approval (not accepted: ${itemIds.join(', ')})`,
      'rule-violated',
      { itemIds },
    ),
  conditionalApprovalNeedsOpenItems: () =>
    new DomainError(
      'conditional-approval-needs-open-items',
      'every item is accepted: approve the handover without conditions',
    ),
  openItemsNeedOwnerAndDueDate: (itemIds: readonly string[]) =>
    new DomainError(
      'open-items-need-owner-and-due-date',
      `every item not accepted needs an owner and a due date (${itemIds.join(', ')})`,
      'rule-violated',
      { itemIds },
    ),
  conditionOnAcceptedItem: (itemId: string) =>
    new DomainError(
      'condition-on-accepted-item',
      `item ${itemId} is accepted and needs no condition`,
      'rule-violated',
      { itemId },
    ),
  conditionDuplicated: (itemId: string) =>
    new DomainError(
      'condition-duplicated',
      `item ${itemId} has more than one condition`,
      'rule-violated',
      { itemId },
    ),
  conditionDueInPast: (itemId: string, dueOn: string, approvedOn: string) =>
    new DomainError(
      'condition-due-date-in-past',
      `the condition on ${itemId} is due ${dueOn}, before the approval (${approvedOn})`,
      'rule-violated',
      { itemId, dueOn, approvedOn },
    ),

  // Input shapes
  fieldRequired: inputErrors.fieldRequired,
  reasonRequired: inputErrors.reasonRequired,
};
