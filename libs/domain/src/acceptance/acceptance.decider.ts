import { assertNever, isBlank, requireCalendarDate, type Decider } from '../shared';
import type {
  AcceptanceCommand,
  ClearPunchItem,
  OpenAcceptance,
  RaisePunchItem,
  RecordAcceptanceTestResult,
  ScheduleAcceptanceTest,
} from './acceptance.commands';
import { acceptanceErrors } from './acceptance.errors';
import type { AcceptanceEvent } from './acceptance.events';
import { requireAuthority, requireNotClosed } from './acceptance.guards';
import { evolveAcceptance, initialAcceptanceState, type AcceptanceState } from './acceptance.state';
import {
  ACCEPTANCE_CERTIFICATES,
  ACCEPTANCE_OBJECT_KINDS,
  ACCEPTANCE_TEST_RESULTS,
  DEFAULT_WARRANTY_MONTHS,
  MAX_WARRANTY_MONTHS,
  PUNCH_ITEM_SEVERITIES,
  type AcceptanceObligationLink,
} from './acceptance.vocabulary';
import {
  issueFinalCertificate,
  issueProvisionalCertificate,
  rejectAcceptance,
} from './certificate.decider';

function validObligationLink(
  input: OpenAcceptance['data']['obligation'],
): AcceptanceObligationLink | null {
  if (input === undefined || input === null) return null;
  const fulfilledBy = input.fulfilledBy ?? 'pac';
  if (
    isBlank(input.contractId) ||
    isBlank(input.obligationId) ||
    !ACCEPTANCE_CERTIFICATES.includes(fulfilledBy)
  ) {
    throw acceptanceErrors.invalidObligationLink();
  }
  return { contractId: input.contractId, obligationId: input.obligationId, fulfilledBy };
}

function openAcceptance(command: OpenAcceptance, state: AcceptanceState): AcceptanceEvent[] {
  if (state.status !== 'absent') throw acceptanceErrors.alreadyOpened(state.acceptanceId);
  const authority = requireAuthority(command.meta, command.type);
  const { acceptanceId, projectId, object } = command.data;
  if (!ACCEPTANCE_OBJECT_KINDS.includes(object.kind) || isBlank(object.ref))
    throw acceptanceErrors.invalidObject();
  const warrantyMonths = command.data.warrantyMonths ?? DEFAULT_WARRANTY_MONTHS;
  if (
    !Number.isSafeInteger(warrantyMonths) ||
    warrantyMonths < 0 ||
    warrantyMonths > MAX_WARRANTY_MONTHS
  ) {
    throw acceptanceErrors.invalidWarrantyPeriod(MAX_WARRANTY_MONTHS);
  }
  const link = validObligationLink(command.data.obligation);
  return [
    {
      type: 'AcceptanceOpened',
      data: {
        acceptanceId,
        projectId,
        object: { kind: object.kind, ref: object.ref, title: object.title },
        contractId: link?.contractId ?? null,
        obligationId: link?.obligationId ?? null,
        obligationFulfilledBy: link?.fulfilledBy ?? null,
        warrantyMonths,
        openedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function scheduleTest(command: ScheduleAcceptanceTest, state: AcceptanceState): AcceptanceEvent[] {
  const acceptance = requireNotClosed(state);
  const authority = requireAuthority(command.meta, command.type);
  const { testId } = command.data;
  if (acceptance.tests[testId] !== undefined) throw acceptanceErrors.testAlreadyScheduled(testId);
  const scheduledOn = requireCalendarDate('scheduledOn', command.data.scheduledOn);
  return [
    {
      type: 'AcceptanceTestScheduled',
      data: {
        acceptanceId: acceptance.acceptanceId,
        projectId: acceptance.projectId,
        testId,
        scheduledOn,
        scheduledBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function recordTestResult(
  command: RecordAcceptanceTestResult,
  state: AcceptanceState,
): AcceptanceEvent[] {
  const acceptance = requireNotClosed(state);
  const authority = requireAuthority(command.meta, command.type);
  const { testId, result } = command.data;
  const test = acceptance.tests[testId];
  if (test === undefined) throw acceptanceErrors.testNotFound(testId);
  if (test.result !== null) throw acceptanceErrors.testResultAlreadyRecorded(testId);
  if (!ACCEPTANCE_TEST_RESULTS.includes(result)) throw acceptanceErrors.invalidTestResult(result);
  return [
    {
      type: 'AcceptanceTestResultRecorded',
      data: {
        acceptanceId: acceptance.acceptanceId,
        projectId: acceptance.projectId,
        testId,
        result,
        notes: command.data.notes ?? '',
        recordedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function raisePunchItem(command: RaisePunchItem, state: AcceptanceState): AcceptanceEvent[] {
  const acceptance = requireNotClosed(state);
  const authority = requireAuthority(command.meta, command.type);
  const { itemId, severity, description } = command.data;
  if (acceptance.punchItems[itemId] !== undefined)
    throw acceptanceErrors.punchItemAlreadyRaised(itemId);
  if (!PUNCH_ITEM_SEVERITIES.includes(severity) || isBlank(description))
    throw acceptanceErrors.invalidPunchItem();
  return [
    {
      type: 'PunchItemRaised',
      data: {
        acceptanceId: acceptance.acceptanceId,
        projectId: acceptance.projectId,
        itemId,
        severity,
        description,
        raisedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

function clearPunchItem(command: ClearPunchItem, state: AcceptanceState): AcceptanceEvent[] {
  const acceptance = requireNotClosed(state);
  const authority = requireAuthority(command.meta, command.type);
  const { itemId, evidence } = command.data;
  const item = acceptance.punchItems[itemId];
  if (item === undefined) throw acceptanceErrors.punchItemNotFound(itemId);
  if (item.cleared) throw acceptanceErrors.punchItemAlreadyCleared(itemId);
  if (isBlank(evidence.ref)) throw acceptanceErrors.clearanceNeedsEvidence(itemId);
  return [
    {
      type: 'PunchItemCleared',
      data: {
        acceptanceId: acceptance.acceptanceId,
        projectId: acceptance.projectId,
        itemId,
        severity: item.severity,
        evidence: { ref: evidence.ref, note: evidence.note ?? null },
        clearedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

export function decideAcceptance(
  command: AcceptanceCommand,
  state: AcceptanceState,
): AcceptanceEvent[] {
  switch (command.type) {
    case 'OpenAcceptance':
      return openAcceptance(command, state);
    case 'ScheduleAcceptanceTest':
      return scheduleTest(command, state);
    case 'RecordAcceptanceTestResult':
      return recordTestResult(command, state);
    case 'RaisePunchItem':
      return raisePunchItem(command, state);
    case 'ClearPunchItem':
      return clearPunchItem(command, state);
    case 'IssueProvisionalAcceptanceCertificate':
      return issueProvisionalCertificate(command, state);
    case 'RejectAcceptance':
      return rejectAcceptance(command, state);
    case 'IssueFinalAcceptanceCertificate':
      return issueFinalCertificate(command, state);
    default:
      return assertNever(command);
  }
}

export const acceptanceDecider: Decider<AcceptanceCommand, AcceptanceState, AcceptanceEvent> = {
  initialState: initialAcceptanceState,
  evolve: evolveAcceptance,
  decide: decideAcceptance,
};
