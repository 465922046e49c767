import { deciderSpec } from '@ledger/testing';
import type { CommandMeta } from '../shared';
import { riskDecider, type RiskKind } from './index';
import {
  assess,
  assessed,
  assessment,
  closed,
  eur,
  meta,
  occurred,
  opportunityRaised,
  ownerAssigned,
  raise,
  raised,
  ref,
} from './risk.spec-fixtures';

const spec = deciderSpec(riskDecider);

describe('Risk decider', () => {
  describe('RaiseRisk', () => {
    it('raises a threat with cause, event and effect, recording who raised it', () => {
      spec.given([]).when(raise).then([raised]);
    });
    it('refuses to raise the same risk twice', () => {
      spec.given([raised]).when(raise).thenFails('risk-already-exists');
    });
    it('knows only threats and opportunities', () => {
      spec
        .given([])
        .when({ ...raise, data: { ...raise.data, kind: 'issue' as RiskKind } })
        .thenFails('risk-kind-unknown');
    });
    it('refuses a category outside the register list', () => {
      spec
        .given([])
        .when({ ...raise, data: { ...raise.data, category: 'weather' as 'other' } })
        .thenFails('risk-category-unknown');
    });
    it('needs a title, a cause, an event and an effect', () => {
      const error = spec
        .given([])
        .when({ ...raise, data: { ...raise.data, cause: ' ', effect: '' } })
        .thenFails('risk-description-incomplete');
      expect(error.details).toEqual({ missing: ['cause', 'effect'] });
    });
    it('needs the project whose register it belongs to', () => {
      spec
        .given([])
        .when({ ...raise, data: { ...raise.data, projectId: '' } })
        .thenFails('field-required');
    });
  });

  describe('AssignRiskOwner', () => {
    const assign = (ownerId: string, m: CommandMeta = meta) => ({
      type: 'AssignRiskOwner' as const,
      data: { ownerId },
      meta: m,
    });
    it('assigns the one owner, under the CPM authority', () => {
      spec.given([raised]).when(assign('olga')).then([ownerAssigned]);
    });
    it('replaces the owner on reassignment, naming the previous one', () => {
      spec
        .given([raised, ownerAssigned])
        .when(assign('otto'))
        .then([
          {
            type: 'RiskOwnerAssigned',
            data: {
              ...ref,
              ownerId: 'otto',
              previousOwnerId: 'olga',
              assignedBy: 'carla',
              authority: 'project-manager',
            },
          },
        ]);
    });
    it('refuses to assign the current owner again', () => {
      spec.given([raised, ownerAssigned]).when(assign('olga')).thenFails('owner-already-assigned');
    });
    it('refuses a decision by an actor without any role', () => {
      spec
        .given([raised])
        .when(assign('olga', { ...meta, actor: { sub: 'x', roles: [] } }))
        .thenFails('actor-has-no-role');
    });
  });

  describe('EscalateRisk', () => {
    const escalate = (data: {
      level: 'program' | 'portfolio';
      escalatedTo: string;
      reason: string;
    }) => ({
      type: 'EscalateRisk' as const,
      data,
      meta,
    });
    it('escalates to a level and a person, with the reason', () => {
      spec
        .given([raised])
        .when(
          escalate({
            level: 'program',
            escalatedTo: 'pgm-mgr',
            reason: 'exceeds project tolerance',
          }),
        )
        .then([
          {
            type: 'RiskEscalated',
            data: {
              ...ref,
              level: 'program',
              escalatedTo: 'pgm-mgr',
              reason: 'exceeds project tolerance',
              escalatedBy: 'carla',
              authority: 'project-manager',
            },
          },
        ]);
    });
    it('needs a reason', () => {
      spec
        .given([raised])
        .when(escalate({ level: 'program', escalatedTo: 'pgm-mgr', reason: '' }))
        .thenFails('reason-required');
    });
    it('needs someone to escalate to', () => {
      spec
        .given([raised])
        .when(escalate({ level: 'program', escalatedTo: ' ', reason: 'r' }))
        .thenFails('field-required');
    });
    it('knows only program, portfolio, executive and customer levels', () => {
      spec
        .given([raised])
        .when(escalate({ level: 'board' as 'program', escalatedTo: 'ceo', reason: 'r' }))
        .thenFails('escalation-level-unknown');
    });
  });

  describe('RecordRiskOccurrence', () => {
    const occur = {
      type: 'RecordRiskOccurrence' as const,
      data: {
        occurredOn: '2026-03-01',
        description: 'permits refused for 12 sites',
        actualCostImpact: eur(80_000),
      },
      meta,
    };
    it('turns a threat that happens into an issue', () => {
      spec.given([raised]).when(occur).then([occurred]);
    });
    it('records an opportunity that happens without making it an issue', () => {
      spec
        .given([opportunityRaised])
        .when(occur)
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({ kind: 'opportunity', becameIssue: false }),
        );
    });
    it('refuses an occurrence dated after today', () => {
      spec
        .given([raised])
        .when({ ...occur, data: { ...occur.data, occurredOn: '2026-03-03' } })
        .thenFails('occurrence-in-future');
    });
    it('refuses a second occurrence', () => {
      spec.given([raised, occurred]).when(occur).thenFails('risk-already-occurred');
    });
    it('refuses a negative actual cost', () => {
      spec
        .given([raised])
        .when({ ...occur, data: { ...occur.data, actualCostImpact: eur(-5) } })
        .thenFails('invalid-money');
    });
  });

  describe('CloseRisk', () => {
    const close = (reason: string, note?: string) => ({
      type: 'CloseRisk' as const,
      data: { reason: reason as 'expired', ...(note === undefined ? {} : { note }) },
      meta,
    });
    it('closes a threat whose window has passed', () => {
      spec.given([raised, assessed]).when(close('expired')).then([closed]);
    });
    it('closes a threat that occurred as resolved, with a note', () => {
      spec
        .given([raised, occurred])
        .when(close('occurred-and-resolved', 'access regained'))
        .thenEvents(([event]) =>
          expect(event?.data).toMatchObject({
            reason: 'occurred-and-resolved',
            note: 'access regained',
          }),
        );
    });
    it('closes an opportunity that occurred as realised', () => {
      spec
        .given([
          opportunityRaised,
          {
            ...occurred,
            data: { ...occurred.data, kind: 'opportunity', becameIssue: false },
          },
        ])
        .when(close('realised'))
        .thenEvents(([event]) => expect(event?.type).toBe('RiskClosed'));
    });
    it('refuses a reason that does not fit the kind (an opportunity is not avoided)', () => {
      spec
        .given([opportunityRaised])
        .when(close('avoided'))
        .thenFails('close-reason-does-not-fit-kind');
    });
    it('refuses "occurred-and-resolved" for a threat that never occurred', () => {
      spec
        .given([raised])
        .when(close('occurred-and-resolved'))
        .thenFails('close-reason-contradicts-occurrence');
    });
    it('refuses to close a threat that occurred as if it had expired', () => {
      spec
        .given([raised, occurred])
        .when(close('expired'))
        .thenFails('close-reason-contradicts-occurrence');
    });
    it('takes no more changes once closed', () => {
      spec.given([raised, closed]).when(assess(assessment)).thenFails('risk-closed');
      spec.given([raised, closed]).when(close('expired')).thenFails('risk-closed');
      spec
        .given([raised, closed])
        .when({ type: 'AssignRiskOwner', data: { ownerId: 'olga' }, meta })
        .thenFails('risk-closed');
    });
  });
});
