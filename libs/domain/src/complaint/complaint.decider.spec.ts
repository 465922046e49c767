import { commandBuilder, deciderSpec, metaAt } from '@ledger/testing';
import { complaintDecider, complaintStreamId, type ComplaintCommand, type ComplaintEvent } from '.';

const meta = metaAt({ sub: 'carol', roles: ['project-manager'] }, '2026-03-02T09:00:00.000Z');
const spec = deciderSpec(complaintDecider);
const ids = { complaintId: 'cmp1', projectId: 'prj1' };
const by = { authority: 'project-manager' as const };

const receivedData = {
  ...ids,
  receivedOn: '2026-03-01',
  channel: 'email' as const,
  summary: 'Site crew left cabinet doors open',
  customerContactRef: 'crm-contact-42',
  hsRelated: false,
};
const received: ComplaintEvent = {
  type: 'ComplaintReceived',
  data: { ...receivedData, receivedBy: 'carol', ...by },
};
const hsReceived: ComplaintEvent = {
  type: 'ComplaintReceived',
  data: { ...receivedData, hsRelated: true, receivedBy: 'carol', ...by },
};
const acknowledged: ComplaintEvent = {
  type: 'ComplaintAcknowledged',
  data: { ...ids, acknowledgedBy: 'carol', ...by },
};
const assessed: ComplaintEvent = {
  type: 'ComplaintAssessed',
  data: {
    ...ids,
    severity: 'medium',
    priority: 'medium',
    hsRelated: false,
    assessedOn: '2026-03-02',
    dueOn: '2026-03-16',
    assessedBy: 'carol',
    ...by,
  },
};
const investigated: ComplaintEvent = {
  type: 'ComplaintInvestigated',
  data: { ...ids, findings: 'No close-out checklist', investigatedBy: 'carol', ...by },
};
const responded: ComplaintEvent = {
  type: 'ComplaintResponded',
  data: {
    ...ids,
    response: 'Checklist introduced',
    respondedOn: '2026-03-05',
    respondedBy: 'carol',
    ...by,
  },
};
const closed: ComplaintEvent = {
  type: 'ComplaintClosed',
  data: { ...ids, customerSatisfied: true, note: null, closedBy: 'carol', ...by },
};

const cmd = commandBuilder<ComplaintCommand>(meta);

const assess = (dueOn: string, severity: 'low' | 'critical' | 'medium' = 'medium') =>
  cmd('AssessComplaint', { severity, dueOn });

describe('Complaint decider', () => {
  it('keeps each complaint in its own stream', () => {
    expect(complaintStreamId('cmp1')).toBe('complaint-cmp1');
  });

  describe('ReceiveComplaint', () => {
    it('records the complaint, who received it and under which role', () => {
      spec.given([]).when(cmd('ReceiveComplaint', receivedData)).then([received]);
    });
    it('accepts a complaint fed in by the CRM integration', () => {
      const integration = { ...meta, actor: { sub: 'crm', roles: ['integration' as const] } };
      spec
        .given([])
        .when(cmd('ReceiveComplaint', receivedData, integration))
        .then([
          {
            type: 'ComplaintReceived',
            data: { ...receivedData, receivedBy: 'crm', authority: 'integration' },
          },
        ]);
    });
    it('refuses to receive the same complaint twice', () => {
      spec
        .given([received])
        .when(cmd('ReceiveComplaint', receivedData))
        .thenFails('complaint-already-received');
    });
    it('refuses a received date that is not a calendar date', () => {
      spec
        .given([])
        .when(cmd('ReceiveComplaint', { ...receivedData, receivedOn: '2026-02-30' }))
        .thenFails('invalid-calendar-date');
    });
    it('refuses an actor without a role that may receive complaints', () => {
      const auditor = { ...meta, actor: { sub: 'al', roles: ['auditor' as const] } };
      spec
        .given([])
        .when(cmd('ReceiveComplaint', receivedData, auditor))
        .thenFails('role-required');
    });
  });

  describe('AcknowledgeComplaint', () => {
    it('acknowledges a received complaint', () => {
      spec.given([received]).when(cmd('AcknowledgeComplaint', {})).then([acknowledged]);
    });
    it('refuses to acknowledge twice', () => {
      spec
        .given([received, acknowledged])
        .when(cmd('AcknowledgeComplaint', {}))
        .thenFails('complaint-already-acknowledged');
    });
    it('refuses a complaint that was never received', () => {
      spec.given([]).when(cmd('AcknowledgeComplaint', {})).thenFails('complaint-not-found');
    });
    it('lets only the project manager or care handle the complaint', () => {
      const pmo = { ...meta, actor: { sub: 'pat', roles: ['pmo' as const] } };
      spec
        .given([received])
        .when(cmd('AcknowledgeComplaint', {}, pmo))
        .thenFails('role-required');
    });
  });

  describe('AssessComplaint', () => {
    it('records severity, due date and the priority computed from the severity', () => {
      spec.given([received, acknowledged]).when(assess('2026-03-16')).then([assessed]);
    });
    it('makes an H&S-related complaint top priority whatever its severity', () => {
      spec
        .given([hsReceived, acknowledged])
        .when(assess('2026-03-04', 'low'))
        .thenEvents(([event]) => {
          expect(event?.type === 'ComplaintAssessed' && event.data).toMatchObject({
            severity: 'low',
            priority: 'top',
            hsRelated: true,
            assessedOn: '2026-03-02',
            dueOn: '2026-03-04',
          });
        });
    });
    it('refuses an H&S-related complaint due more than 2 days after assessment', () => {
      const error = spec
        .given([hsReceived, acknowledged])
        .when(assess('2026-03-05', 'critical'))
        .thenFails('hs-complaint-due-too-late');
      expect(error.details).toEqual({ dueOn: '2026-03-05', latestDueOn: '2026-03-04' });
    });
    it('counts the H&S limit from the business date of the assessment', () => {
      const backDated = { ...meta, effectiveAt: '2026-02-27T16:00:00.000Z' };
      spec
        .given([hsReceived, acknowledged])
        .when(cmd('AssessComplaint', { severity: 'high', dueOn: '2026-03-01' }, backDated))
        .thenEvents(([event]) => {
          expect(event?.type === 'ComplaintAssessed' && event.data.assessedOn).toBe('2026-02-27');
        });
    });
    it('refuses a due date before the assessment', () => {
      spec
        .given([received, acknowledged])
        .when(assess('2026-03-01'))
        .thenFails('complaint-due-before-assessment');
    });
    it('refuses a due date that is not a calendar date', () => {
      spec
        .given([received, acknowledged])
        .when(assess('16/03/2026'))
        .thenFails('invalid-calendar-date');
    });
    it('refuses to assess before the complaint is acknowledged', () => {
      spec.given([received]).when(assess('2026-03-16')).thenFails('complaint-not-acknowledged');
    });
    it('refuses to assess twice', () => {
      spec
        .given([received, acknowledged, assessed])
        .when(assess('2026-03-16'))
        .thenFails('complaint-already-assessed');
    });
  });

  describe('InvestigateComplaint', () => {
    it('records the findings of an assessed complaint', () => {
      spec
        .given([received, acknowledged, assessed])
        .when(cmd('InvestigateComplaint', { findings: 'No close-out checklist' }))
        .then([investigated]);
    });
    it('refuses to investigate before the complaint is assessed', () => {
      spec
        .given([received, acknowledged])
        .when(cmd('InvestigateComplaint', { findings: 'x' }))
        .thenFails('complaint-not-assessed');
    });
    it('refuses further findings once the customer has the response', () => {
      spec
        .given([received, acknowledged, assessed, investigated, responded])
        .when(cmd('InvestigateComplaint', { findings: 'more' }))
        .thenFails('complaint-already-responded');
    });
  });

  describe('RespondToComplaint', () => {
    const respond = (respondedOn = '2026-03-05') =>
      cmd('RespondToComplaint', { response: 'Checklist introduced', respondedOn });
    it('records the response to an investigated complaint', () => {
      spec
        .given([received, acknowledged, assessed, investigated])
        .when(respond())
        .then([responded]);
    });
    it('refuses to respond before the complaint is investigated', () => {
      spec
        .given([received, acknowledged, assessed])
        .when(respond())
        .thenFails('complaint-not-investigated');
    });
    it('refuses to respond to an unassessed complaint', () => {
      spec.given([received]).when(respond()).thenFails('complaint-not-investigated');
    });
    it('refuses a response dated before the complaint was received', () => {
      spec
        .given([received, acknowledged, assessed, investigated])
        .when(respond('2026-02-28'))
        .thenFails('complaint-response-before-receipt');
    });
    it('refuses a second response', () => {
      spec
        .given([received, acknowledged, assessed, investigated, responded])
        .when(respond())
        .thenFails('complaint-already-responded');
    });
  });

  describe('CloseComplaint', () => {
    const history = [received, acknowledged, assessed, investigated, responded];
    it('closes a responded complaint with the customer satisfied', () => {
      spec
        .given(history)
        .when(cmd('CloseComplaint', { customerSatisfied: true, note: null }))
        .then([closed]);
    });
    it('closes with the customer not satisfied when a note says why', () => {
      spec
        .given(history)
        .when(cmd('CloseComplaint', { customerSatisfied: false, note: 'Wants compensation' }))
        .then([
          {
            type: 'ComplaintClosed',
            data: {
              ...ids,
              customerSatisfied: false,
              note: 'Wants compensation',
              closedBy: 'carol',
              ...by,
            },
          },
        ]);
    });
    it('refuses to close with the customer not satisfied and no note', () => {
      spec
        .given(history)
        .when(cmd('CloseComplaint', { customerSatisfied: false, note: '  ' }))
        .thenFails('dissatisfaction-note-required');
    });
    it('refuses to close before the customer got a response', () => {
      spec
        .given([received, acknowledged, assessed, investigated])
        .when(cmd('CloseComplaint', { customerSatisfied: true, note: null }))
        .thenFails('complaint-not-responded');
    });
    it('takes no more changes once closed', () => {
      spec
        .given([...history, closed])
        .when(cmd('InvestigateComplaint', { findings: 'x' }))
        .thenFails('complaint-closed');
    });
  });

  describe('ReopenComplaint', () => {
    const history = [received, acknowledged, assessed, investigated, responded, closed];
    const reopened: ComplaintEvent = {
      type: 'ComplaintReopened',
      data: { ...ids, reason: 'Doors left open again', reopenedBy: 'carol', ...by },
    };
    it('reopens a closed complaint with a reason', () => {
      spec
        .given(history)
        .when(cmd('ReopenComplaint', { reason: 'Doors left open again' }))
        .then([reopened]);
    });
    it('sends a reopened complaint back to investigation before a new response', () => {
      spec
        .given([...history, reopened])
        .when(cmd('RespondToComplaint', { response: 'again', respondedOn: '2026-03-10' }))
        .thenFails('complaint-not-investigated');
      spec
        .given([...history, reopened])
        .when(cmd('InvestigateComplaint', { findings: 'Checklist not used' }))
        .thenEvents((events) =>
          expect(events.map((e) => e.type)).toEqual(['ComplaintInvestigated']),
        );
    });
    it('refuses to reopen a complaint that is not closed', () => {
      spec
        .given([received, acknowledged])
        .when(cmd('ReopenComplaint', { reason: 'x' }))
        .thenFails('complaint-not-closed');
    });
    it('refuses to reopen without a reason', () => {
      spec
        .given(history)
        .when(cmd('ReopenComplaint', { reason: '' }))
        .thenFails('reopen-reason-required');
    });
  });

  describe('LinkComplaintToCorrectiveAction', () => {
    const link = (raisedFrom: { source: string; sourceRef: string } | null) =>
      cmd('LinkComplaintToCorrectiveAction', { capaId: 'capa1', capaRaisedFrom: raisedFrom });
    const linked: ComplaintEvent = {
      type: 'ComplaintLinkedToCorrectiveAction',
      data: { ...ids, capaId: 'capa1', linkedBy: 'carol', ...by },
    };
    it('links a corrective action raised from this complaint', () => {
      spec
        .given([received, acknowledged, assessed])
        .when(link({ source: 'complaint', sourceRef: 'cmp1' }))
        .then([linked]);
    });
    it('links a corrective action raised when the complaint closed', () => {
      spec
        .given([received, acknowledged, assessed, investigated, responded, closed])
        .when(link({ source: 'complaint', sourceRef: 'cmp1' }))
        .then([linked]);
    });
    it('refuses a corrective action that does not exist', () => {
      spec.given([received]).when(link(null)).thenFails('capa-not-found');
    });
    it('refuses a corrective action raised from something else', () => {
      spec
        .given([received])
        .when(link({ source: 'audit', sourceRef: 'aud-7' }))
        .thenFails('capa-not-raised-from-complaint');
    });
    it('refuses to link the same corrective action twice', () => {
      spec
        .given([received, linked])
        .when(link({ source: 'complaint', sourceRef: 'cmp1' }))
        .thenFails('capa-already-linked');
    });
  });
});
