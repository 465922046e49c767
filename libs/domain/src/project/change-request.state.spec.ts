import type { ChangeRequestState } from './change-request.state';
import type { ProjectEvent } from './index';
import {
  baselineEstablished,
  created,
  crAssessed,
  crDecided,
  crRaised,
  projectId,
} from './project.spec-fixtures';
import { evolveProject, initialProjectState } from './project.state';

/** The change request `cr1` after folding `events` into a project. */
function changeRequestAfter(events: readonly ProjectEvent[]): ChangeRequestState | undefined {
  const state = [created, baselineEstablished, ...events].reduce(
    evolveProject,
    initialProjectState,
  );
  return state.status === 'absent' ? undefined : state.changeRequests.get('cr1');
}

const signed: ProjectEvent = {
  type: 'CustomerApprovalRecorded',
  data: { projectId, changeRequestId: 'cr1', customerSignatureRef: 'SIG-1', recordedBy: 'carla' },
};
const implemented: ProjectEvent = {
  type: 'ChangeRequestImplemented',
  data: { projectId, changeRequestId: 'cr1', implementedBy: 'carla' },
};
const closed: ProjectEvent = {
  type: 'ChangeRequestClosed',
  data: { projectId, changeRequestId: 'cr1', closedBy: 'carla' },
};
const withdrawn: ProjectEvent = {
  type: 'ChangeRequestWithdrawn',
  data: { projectId, changeRequestId: 'cr1', reason: 'no longer needed', withdrawnBy: 'carla' },
};

describe('change request state, one type per status', () => {
  it('gains its assessment, decision and signature in the statuses that have them, keeping every key in one order', () => {
    const raised = changeRequestAfter([crRaised()]);
    expect(raised).toMatchObject({
      status: 'raised',
      assessment: null,
      decision: null,
      customerSignatureRef: null,
    });
    const life = [crRaised(), crAssessed('cr1', {}, { contractual: true }), crDecided()];
    const done = changeRequestAfter([...life, signed, implemented, closed]);
    expect(done).toMatchObject({
      status: 'closed',
      assessment: { contractual: true, baselineVersion: 1 },
      decision: { outcome: 'approved', reason: 'ok', decidedBy: 'paula', authority: 'pmo' },
      customerSignatureRef: 'SIG-1',
    });
    // The state is read as JSON too (replay diffs): the same keys, in the same order, throughout.
    expect(Object.keys(done ?? {})).toEqual(Object.keys(raised ?? {}));
  });

  it('takes the outcome of its decision as its status', () => {
    const assessed = [crRaised(), crAssessed()];
    for (const outcome of ['approved', 'rejected', 'deferred'] as const) {
      const decided = changeRequestAfter([...assessed, crDecided('cr1', outcome)]);
      expect(decided?.status).toBe(outcome);
      expect(decided?.decision?.outcome).toBe(outcome);
    }
  });

  it('keeps its assessment when withdrawn after one', () => {
    const cr = changeRequestAfter([crRaised(), crAssessed(), withdrawn]);
    expect(cr?.status).toBe('withdrawn');
    expect(cr?.assessment).toMatchObject({ baselineVersion: 1 });
  });

  it('is left as it is by an event the decider could not have decided in its status', () => {
    const raised = changeRequestAfter([crRaised()]);
    expect(changeRequestAfter([crRaised(), crDecided()])).toEqual(raised);
    expect(changeRequestAfter([crRaised(), implemented])).toEqual(raised);
    expect(changeRequestAfter([crRaised(), closed])).toEqual(raised);
    const rejected = [crRaised(), crAssessed(), crDecided('cr1', 'rejected')];
    expect(changeRequestAfter([...rejected, signed])).toEqual(changeRequestAfter(rejected));
    expect(changeRequestAfter([...rejected, withdrawn])).toEqual(changeRequestAfter(rejected));
    const approved = [crRaised(), crAssessed(), crDecided()];
    expect(changeRequestAfter([...approved, crAssessed()])).toEqual(changeRequestAfter(approved));
  });
});
