import { deciderSpec } from '@ledger/testing';
import { projectDecider, type ProjectCommand, type ProjectEvent } from './index';
import {
  approvedCr,
  baselineEstablished,
  baselineRevised,
  created,
  engineer,
  handoverRecorded,
  originalBaseline,
  pm,
  pmo,
  projectId,
} from './project.spec-fixtures';

const spec = deciderSpec(projectDecider);
describe('Project decider: set-up', () => {
  describe('SelectDeliveryApproach', () => {
    const select = (chosen: 'predictive' | 'hybrid' | 'agile', meta = pm): ProjectCommand => ({
      type: 'SelectDeliveryApproach',
      data: {
        optionsConsidered: ['predictive', 'hybrid'],
        chosen,
        rationale: 'fixed scope, civil works',
      },
      meta,
    });
    const selected: ProjectEvent = {
      type: 'DeliveryApproachSelected',
      data: {
        projectId,
        optionsConsidered: ['predictive', 'hybrid'],
        chosen: 'predictive',
        rationale: 'fixed scope, civil works',
        selectedBy: 'carla',
        authority: 'project-manager',
      },
    };
    it('records the options considered, the choice, the rationale, who and under which authority', () => {
      spec.given([created]).when(select('predictive')).then([selected]);
    });
    it('records nothing when the same selection is made again', () => {
      spec.given([created, selected]).when(select('predictive')).then([]);
    });
    it('refuses a choice that was not among the options considered', () => {
      spec.given([created]).when(select('agile')).thenFails('chosen-approach-not-considered');
    });
    it('refuses options listed twice', () => {
      spec
        .given([created])
        .when({
          type: 'SelectDeliveryApproach',
          data: { optionsConsidered: ['hybrid', 'hybrid'], chosen: 'hybrid', rationale: 'r' },
          meta: pm,
        })
        .thenFails('duplicate-entries');
    });
    it('refuses a caller without project decision authority', () => {
      spec
        .given([created])
        .when(select('predictive', engineer))
        .thenFails('decision-authority-required');
    });
  });

  describe('AssignTeamMember and ReleaseTeamMember', () => {
    const assign = (personId: string, role: string, allocationPercent: number): ProjectCommand => ({
      type: 'AssignTeamMember',
      data: { personId, role, allocationPercent },
      meta: pmo,
    });
    const assigned = (
      personId: string,
      role: string,
      allocationPercent: number,
      replacedProjectManagerId: string | null = null,
    ): ProjectEvent => ({
      type: 'TeamMemberAssigned',
      data: {
        projectId,
        personId,
        role,
        allocationPercent,
        replacedProjectManagerId,
        assignedBy: 'paula',
        authority: 'pmo',
      },
    });
    it('assigns the project manager with an allocation', () => {
      spec
        .given([created])
        .when(assign('carla', 'project-manager', 80))
        .then([assigned('carla', 'project-manager', 80)]);
    });
    it('records a new project manager as replacing the previous one', () => {
      spec
        .given([created, assigned('carla', 'project-manager', 80)])
        .when(assign('dora', 'project-manager', 50))
        .then([assigned('dora', 'project-manager', 50, 'carla')]);
    });
    it('frees the replaced project manager’s allocation', () => {
      spec
        .given([
          created,
          assigned('carla', 'project-manager', 80),
          assigned('dora', 'project-manager', 50, 'carla'),
        ])
        .when(assign('carla', 'site-engineer', 100))
        .then([assigned('carla', 'site-engineer', 100)]);
    });
    it('records nothing when the same assignment is made again', () => {
      spec
        .given([created, assigned('tom', 'rf-engineer', 40)])
        .when(assign('tom', 'rf-engineer', 40))
        .then([]);
    });
    it('changes the allocation of a role the person already holds', () => {
      spec
        .given([created, assigned('tom', 'rf-engineer', 40)])
        .when(assign('tom', 'rf-engineer', 100))
        .then([assigned('tom', 'rf-engineer', 100)]);
    });
    it.each([0, 101, 50.5])('refuses an allocation of %p % (a whole 1–100)', (percent) => {
      spec
        .given([created])
        .when(assign('tom', 'rf-engineer', percent))
        .thenFails('allocation-out-of-range');
    });
    it('refuses to allocate a person more than 100 % to the project in total', () => {
      const error = spec
        .given([created, assigned('tom', 'rf-engineer', 60)])
        .when(assign('tom', 'site-lead', 50))
        .thenFails('person-over-allocated');
      expect(error.details).toEqual({ personId: 'tom', totalPercent: 110 });
    });
    it('refuses a caller without project decision authority', () => {
      spec
        .given([created])
        .when({ ...assign('tom', 'rf-engineer', 10), meta: engineer })
        .thenFails('decision-authority-required');
    });
    it('releases an assignment with a reason', () => {
      spec
        .given([created, assigned('tom', 'rf-engineer', 60)])
        .when({
          type: 'ReleaseTeamMember',
          data: { personId: 'tom', role: 'rf-engineer', reason: 'phase done' },
          meta: pm,
        })
        .then([
          {
            type: 'TeamMemberReleased',
            data: {
              projectId,
              personId: 'tom',
              role: 'rf-engineer',
              reason: 'phase done',
              releasedBy: 'carla',
              authority: 'project-manager',
            },
          },
        ]);
    });
    it('refuses to release an assignment that does not exist', () => {
      spec
        .given([created])
        .when({
          type: 'ReleaseTeamMember',
          data: { personId: 'tom', role: 'rf-engineer', reason: 'x' },
          meta: pm,
        })
        .thenFails('team-member-not-assigned');
    });
  });

  describe('RegisterStakeholder', () => {
    const data = {
      stakeholderId: 'sh1',
      name: 'Ines',
      organisation: 'Telco',
      role: 'CTO',
      influence: 'high' as const,
      interest: 'medium' as const,
    };
    const registered: ProjectEvent = {
      type: 'StakeholderRegistered',
      data: { projectId, ...data, registeredBy: 'carla' },
    };
    it('registers a stakeholder with influence and interest', () => {
      spec
        .given([created])
        .when({ type: 'RegisterStakeholder', data, meta: pm })
        .then([registered]);
    });
    it('records nothing when the same stakeholder is registered again', () => {
      spec
        .given([created, registered])
        .when({ type: 'RegisterStakeholder', data, meta: pm })
        .then([]);
    });
    it('refuses the same stakeholder id with other details', () => {
      spec
        .given([created, registered])
        .when({ type: 'RegisterStakeholder', data: { ...data, influence: 'low' }, meta: pm })
        .thenFails('stakeholder-already-registered');
    });
  });

  describe('DefineProcessCustomisation', () => {
    const define = (deviation: string): ProjectCommand => ({
      type: 'DefineProcessCustomisation',
      data: { area: 'acceptance', deviation, rationale: 'customer runs its own drive tests' },
      meta: pm,
    });
    const defined = (deviation: string): ProjectEvent => ({
      type: 'ProcessCustomisationDefined',
      data: {
        projectId,
        area: 'acceptance',
        deviation,
        rationale: 'customer runs its own drive tests',
        definedBy: 'carla',
        authority: 'project-manager',
      },
    });
    it('records how the project deviates from the global process in an area, and why', () => {
      spec
        .given([created])
        .when(define('cluster acceptance'))
        .then([defined('cluster acceptance')]);
    });
    it('records nothing when the same customisation is defined again', () => {
      spec
        .given([created, defined('cluster acceptance')])
        .when(define('cluster acceptance'))
        .then([]);
    });
    it('records a redefinition of the same area as a new fact', () => {
      spec
        .given([created, defined('cluster acceptance')])
        .when(define('site acceptance'))
        .then([defined('site acceptance')]);
    });
    it('refuses a caller without project decision authority', () => {
      spec
        .given([created])
        .when({ ...define('x'), meta: engineer })
        .thenFails('decision-authority-required');
    });
  });

  describe('EstablishBaseline', () => {
    const body = {
      budget: originalBaseline.budget,
      scope: originalBaseline.scope,
      milestones: [
        { id: 'm1', title: 'Core ready', dueOn: '2026-06-30', obligationId: 'ob1' },
        { id: 'm2', title: 'Access ready', dueOn: '2026-12-15' },
      ],
      quality: originalBaseline.quality,
      contractObligationIds: ['ob1', 'ob2'],
    };
    const establish = (data = body, meta = pm): ProjectCommand => ({
      type: 'EstablishBaseline',
      data,
      meta,
    });
    it('establishes version 1 (a milestone without obligation links to none)', () => {
      spec.given([created]).when(establish()).then([baselineEstablished]);
    });
    it('refuses a milestone linked to an obligation the contract does not have', () => {
      spec
        .given([created])
        .when(establish({ ...body, contractObligationIds: ['ob2'] }))
        .thenFails('unknown-obligation');
    });
    it('records nothing when the same baseline is sent again', () => {
      spec.given([created, baselineEstablished]).when(establish()).then([]);
    });
    it('refuses to establish a different baseline once one exists', () => {
      spec
        .given([created, baselineEstablished])
        .when(establish({ ...body, budget: { amount: 1, currency: 'EUR' } }))
        .thenFails('baseline-already-established');
    });
    it('keeps the original baseline after a change request revised it', () => {
      const revised = { ...originalBaseline, budget: { amount: 120_000_000, currency: 'EUR' } };
      const history = [
        created,
        baselineEstablished,
        ...approvedCr().slice(0, 3),
        baselineRevised('cr1', 2, revised),
      ];
      spec.given(history).when(establish()).then([]);
      spec
        .given(history)
        .when(establish({ ...body, budget: revised.budget }))
        .thenFails('baseline-already-established');
    });
    it('refuses ids listed twice', () => {
      spec
        .given([created])
        .when(establish({ ...body, scope: [...body.scope, { id: 's1', title: 'again' }] }))
        .thenFails('duplicate-entries');
    });
    it('refuses a due date that is not a calendar date', () => {
      spec
        .given([created])
        .when(
          establish({ ...body, milestones: [{ id: 'm1', title: 'Core', dueOn: '2026-02-30' }] }),
        )
        .thenFails('invalid-calendar-date');
    });
    it.each([-1, 10.5])('refuses a budget of %p minor units', (amount) => {
      spec
        .given([created])
        .when(establish({ ...body, budget: { amount, currency: 'EUR' } }))
        .thenFails('invalid-money-amount');
    });
    it('refuses a budget in another currency than the actual costs already recorded', () => {
      const cost: ProjectEvent = {
        type: 'ActualCostRecorded',
        data: {
          projectId,
          erpDocumentId: 'inv1',
          amount: { amount: 500, currency: 'SEK' },
          postedOn: '2026-03-03',
          recordedBy: 'erp',
        },
      };
      spec
        .given([created, handoverRecorded('sell-to-execute'), cost])
        .when(establish())
        .thenFails('currency-mismatch');
    });
    it('refuses a caller without project decision authority', () => {
      spec
        .given([created])
        .when(establish(body, engineer))
        .thenFails('decision-authority-required');
    });
  });
});
