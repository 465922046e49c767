import { compareCalendarDates, isBlank } from '../shared';
import type {
  IssueFinalAcceptanceCertificate,
  IssueProvisionalAcceptanceCertificate,
  RejectAcceptance,
} from './acceptance.commands';
import { acceptanceErrors } from './acceptance.errors';
import type { AcceptanceEvent } from './acceptance.events';
import {
  openPunchItems,
  requireAuthority,
  requireIssueDate,
  requireNotClosed,
} from './acceptance.guards';
import type { AcceptanceState, ExistingAcceptance } from './acceptance.state';
import type { AcceptanceCertificate } from './acceptance.vocabulary';
import { warrantyPeriod } from './warranty';

function certificateObligation(acceptance: ExistingAcceptance, certificate: AcceptanceCertificate) {
  const link = acceptance.obligation;
  return {
    contractId: link?.contractId ?? null,
    obligationId: link?.obligationId ?? null,
    fulfilsObligation: link?.fulfilledBy === certificate,
  };
}

/**
 * DOMAIN.md: no PAC with an open severity-A item; open B items are listed on the PAC; the PAC
 * starts the warranty. Delivery practice: the latest acceptance test must have passed.
 */
export function issueProvisionalCertificate(
  command: IssueProvisionalAcceptanceCertificate,
  state: AcceptanceState,
): AcceptanceEvent[] {
  const acceptance = requireNotClosed(state);
  const authority = requireAuthority(command.meta, command.type);
  if (acceptance.status !== 'open')
    throw acceptanceErrors.provisionalAlreadyIssued(acceptance.pac.certificateId);
  const { certificateId } = command.data;
  const issuedOn = requireIssueDate(command.meta, command.data.issuedOn);
  if (acceptance.latestResult !== 'passed') throw acceptanceErrors.testNotPassed();
  const open = openPunchItems(acceptance);
  const blocking = open.filter((item) => item.severity === 'A');
  if (blocking.length > 0) throw acceptanceErrors.openSeverityAPunchItems(blocking);
  const warranty = warrantyPeriod(issuedOn, acceptance.warrantyMonths);
  return [
    {
      type: 'ProvisionalAcceptanceCertificateIssued',
      data: {
        acceptanceId: acceptance.acceptanceId,
        projectId: acceptance.projectId,
        object: acceptance.object,
        certificateId,
        issuedOn,
        openPunchItems: open,
        warrantyMonths: warranty.months,
        warrantyStartsOn: warranty.startsOn,
        warrantyEndsOn: warranty.endsOn,
        ...certificateObligation(acceptance, 'pac'),
        issuedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

/** The customer refuses the PAC (re-test needed) or, after PAC, the FAC. Always with a reason. */
export function rejectAcceptance(
  command: RejectAcceptance,
  state: AcceptanceState,
): AcceptanceEvent[] {
  const acceptance = requireNotClosed(state);
  const authority = requireAuthority(command.meta, command.type);
  if (isBlank(command.data.reason)) throw acceptanceErrors.reasonRequired(command.type);
  return [
    {
      type: 'AcceptanceRejected',
      data: {
        acceptanceId: acceptance.acceptanceId,
        projectId: acceptance.projectId,
        stage: acceptance.status === 'open' ? 'provisional' : 'final',
        reason: command.data.reason,
        rejectedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}

/** DOMAIN.md: FAC needs the PAC, the warranty period elapsed and every punch item cleared. */
export function issueFinalCertificate(
  command: IssueFinalAcceptanceCertificate,
  state: AcceptanceState,
): AcceptanceEvent[] {
  const acceptance = requireNotClosed(state);
  const authority = requireAuthority(command.meta, command.type);
  if (acceptance.status !== 'provisionally-accepted') throw acceptanceErrors.provisionalNotIssued();
  const { certificateId } = command.data;
  if (certificateId === acceptance.pac.certificateId)
    throw acceptanceErrors.certificateIdAlreadyUsed(certificateId);
  const issuedOn = requireIssueDate(command.meta, command.data.issuedOn);
  const { warrantyEndsOn } = acceptance.pac;
  if (compareCalendarDates(issuedOn, warrantyEndsOn) < 0)
    throw acceptanceErrors.warrantyNotElapsed(warrantyEndsOn);
  const open = openPunchItems(acceptance);
  if (open.length > 0) throw acceptanceErrors.openPunchItems(open);
  return [
    {
      type: 'FinalAcceptanceCertificateIssued',
      data: {
        acceptanceId: acceptance.acceptanceId,
        projectId: acceptance.projectId,
        object: acceptance.object,
        certificateId,
        issuedOn,
        provisionalCertificateId: acceptance.pac.certificateId,
        warrantyEndsOn,
        ...certificateObligation(acceptance, 'fac'),
        issuedBy: command.meta.actor.sub,
        authority,
      },
    },
  ];
}
