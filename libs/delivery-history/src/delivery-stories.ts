/**
 * The stories of the delivery history (delivery-history.ts): programs with their frame contract,
 * and projects from creation to closure. Every command goes through the real CommandExecutor
 * and the api's reactions, built the way the api's controllers build them (the same fields, the
 * same cross-aggregate facts loaded the same way), so the events are exactly what production
 * appends. Rules the domain enforces are followed, not bypassed: a refusal fails the generation.
 */
import { createHash } from 'node:crypto';
import {
  runReactions,
  type CommandContext,
  type CommandExecutor,
  type CommandFactory,
  type CommandOutcome,
} from '@ledger/command-path';
import {
  acceptanceStreamId,
  addCalendarDays,
  addCalendarMonths,
  capaStreamId,
  complaintStreamId,
  contractStreamId,
  exposureHoursStreamId,
  handoverStreamId,
  programStreamId,
  projectStreamId,
  riskStreamId,
  safetyIncidentStreamId,
  type AcceptanceCommand,
  type Actor,
  type CapaCommand,
  type ChangeRequestCategory,
  type ComplaintCommand,
  type ContractCommand,
  type ExposureHoursCommand,
  type HandoverCommand,
  type HandoverKind,
  type IncidentClassification,
  type Money,
  type ProgramCommand,
  type ProjectCommand,
  type RiskCommand,
  type SafetyIncidentCommand,
  acceptanceAggregate,
  capaAggregate,
  complaintAggregate,
  contractAggregate,
  exposureHoursAggregate,
  handoverAggregate,
  programAggregate,
  projectAggregate,
  riskAggregate,
  safetyIncidentAggregate,
  type AnyAggregateDefinition,
} from '@ledger/domain';
import { canonicalJson, type RecordedEvent } from '@ledger/event-store';
import { REACTIONS } from '@ledger/command-path';
import {
  type Rng,
  type Scheduler,
  type SimulatedClock,
  type StoryTask,
  SimulationStopped,
} from './delivery-simulation';

/** How much happens in one project; the history's size and shape follow from it. */
export interface DeliveryProfile {
  readonly name: string;
  /** Projects a program gets over its life. */
  readonly projectsPerProgram: number;
  /** Programs taking new projects at the same time (projects are dealt out round-robin). */
  readonly concurrentPrograms: number;
  /** New projects per simulated day, across the portfolio. */
  readonly projectStartsPerDay: number;
  /** Team members besides the project manager. */
  readonly team: number;
  readonly stakeholders: number;
  readonly scopeItems: number;
  /** Checklists of the handovers: the typical ones (11 and 9 items) or 3 items each. */
  readonly checklist: 'typical' | 'short';
  /** Reporting months of execution (0: none; the project goes from Sell→Execute to Care). */
  readonly months: number;
  readonly costsPerMonth: number;
  /** Sites of the project: exposure hours per site and month. */
  readonly sites: number;
  readonly changeRequests: number;
  readonly risks: number;
  /** Expected per project (a fraction is a probability). */
  readonly complaints: number;
  readonly incidents: number;
  /**
   * Objects accepted with a PAC, each fulfilling an acceptance obligation of the contract; the
   * last one also gets its FAC after the warranty, which is the project's final acceptance.
   * 0: no acceptance objects, the PMO waives final acceptance.
   */
  readonly acceptances: number;
  readonly warrantyMonths: number;
}

export interface HistoryCounters {
  events: number;
  commands: number;
  programs: number;
  projects: number;
  closedProjects: number;
  readonly eventTypes: Map<string, number>;
}

/** Sends commands as the api would: executor, then the reactions, with a full CommandContext. */
export class Office {
  constructor(
    readonly executor: CommandExecutor,
    readonly scheduler: Scheduler,
    readonly clock: SimulatedClock,
    readonly counters: HistoryCounters,
    private readonly maxEvents: number,
  ) {}

  async send<TCommand>(
    rng: Rng,
    aggregate: AnyAggregateDefinition,
    streamId: string,
    actor: Actor,
    build: CommandFactory<TCommand>,
    idempotent?: { readonly key: string; readonly path: string; readonly body: unknown },
  ): Promise<CommandOutcome> {
    if (this.scheduler.isStopped) throw new SimulationStopped();
    if (this.counters.events >= this.maxEvents) {
      this.scheduler.stop();
      throw new SimulationStopped();
    }
    const context: CommandContext = {
      actor,
      correlationId: rng.uuid(),
      commandId: rng.uuid(),
      ...(idempotent
        ? {
            idempotency: {
              key: idempotent.key,
              requestHash: createHash('sha256')
                .update(
                  canonicalJson({ method: 'POST', path: idempotent.path, body: idempotent.body }),
                )
                .digest('hex'),
            },
          }
        : {}),
    };
    const outcome = await this.executor.execute(aggregate, streamId, build, context);
    if (outcome.events.length === 0) {
      throw new Error(`a command on ${streamId} appended nothing: the story is out of step`);
    }
    this.count(outcome.events);
    for (const result of await runReactions(this.executor, REACTIONS, outcome.events, context)) {
      if ('error' in result) {
        throw new Error(
          `${result.reaction} on ${result.streamId} was refused: ${result.error.code} (${result.error.message})`,
        );
      }
      this.count(result.outcome.events);
    }
    return outcome;
  }

  private count(events: readonly RecordedEvent[]): void {
    this.counters.commands += 1;
    this.counters.events += events.length;
    for (const event of events) {
      this.counters.eventTypes.set(event.type, (this.counters.eventTypes.get(event.type) ?? 0) + 1);
    }
  }
}

// ---- people ------------------------------------------------------------------------------------

const people = (prefix: string, count: number, role: Actor['roles'][number]): Actor[] =>
  Array.from({ length: count }, (_, i) => ({
    sub: `${prefix}-${String(i + 1).padStart(3, '0')}`,
    roles: [role],
  }));
const PMO = people('pmo', 6, 'pmo');
const SALES = people('sales', 12, 'sales');
const PROJECT_MANAGERS = people('pm', 80, 'project-manager');
const CARE = people('care', 8, 'care');
const ERP: Actor = { sub: 'erp-bridge', roles: ['integration'] };
const CRM: Actor = { sub: 'crm-bridge', roles: ['integration'] };
const TIMESHEETS: Actor = { sub: 'timesheet-bridge', roles: ['integration'] };
const HSE_APP: Actor = { sub: 'hse-reporting-app', roles: ['integration'] };

// ---- vocabulary for names and texts ------------------------------------------------------------

const CUSTOMERS = [
  ['nordtel', 'Nordic Telco AB'],
  ['baltnet', 'Baltic Networks AS'],
  ['alpcom', 'Alpine Communications AG'],
  ['iberfibra', 'Iberia Fibra SL'],
  ['rhein', 'Rheinland Energie GmbH'],
  ['lowlands', 'Lowlands Mobile BV'],
  ['carpat', 'Carpathia Telecom SRL'],
  ['adria', 'Adriatic Grid d.o.o.'],
] as const;
const REGIONS = ['North', 'South', 'East', 'West', 'Central', 'Coast', 'Metro', 'Highlands'];
const SCOPES = [
  'RAN swap of macro sites',
  'Core and transport upgrade',
  'Fibre backbone ring',
  'Small-cell densification',
  'OSS integration and KPI dashboards',
  'Substation telecontrol',
  'Microwave backhaul refresh',
  'Data-centre interconnect',
];
const TEAM_ROLES = ['site-engineer', 'rf-planner', 'construction-lead', 'qa-lead', 'logistics'];
const RISK_CATEGORIES = [
  'technical',
  'commercial',
  'schedule',
  'resource',
  'supply-chain',
  'hse',
  'customer',
  'quality',
] as const;

const SELL_TO_EXECUTE_ITEMS = [
  { id: 'signed-contract', title: 'Signed contract and annexes', mandatory: true },
  { id: 'sow-boq', title: 'Statement of work and bill of quantities', mandatory: true },
  { id: 'price-model', title: 'Price and margin model with its assumptions', mandatory: true },
  { id: 'non-standard-terms', title: 'Non-standard terms: LDs, caps, acceptance', mandatory: true },
  { id: 'bid-risks', title: 'Bid risk register', mandatory: true },
  { id: 'solution-design', title: 'Solution design', mandatory: true },
  { id: 'stakeholder-map', title: 'Stakeholder map', mandatory: false },
  { id: 'key-milestones', title: 'Key milestones', mandatory: true },
  { id: 'subcontractors', title: 'Subcontractor commitments', mandatory: true },
  { id: 'hs-requirements', title: 'H&S requirements', mandatory: true },
  { id: 'sales-promises', title: 'Promises made in sales', mandatory: true },
];
const DELIVERY_TO_CARE_ITEMS = [
  { id: 'as-built', title: 'As-built documentation', mandatory: true },
  { id: 'acceptance-status', title: 'Acceptance status and open punch items', mandatory: true },
  { id: 'warranty', title: 'Warranty start and end', mandatory: true },
  { id: 'sla', title: 'SLA definitions', mandatory: true },
  { id: 'escalation-matrix', title: 'Escalation matrix', mandatory: true },
  { id: 'spares', title: 'Spares', mandatory: true },
  { id: 'knowledge-transfer', title: 'Knowledge transfer', mandatory: true },
  { id: 'complaints-capa', title: 'Open complaints and corrective actions', mandatory: true },
  { id: 'residual-risks', title: 'Residual risks', mandatory: true },
];
const checklistOf = (kind: HandoverKind, size: DeliveryProfile['checklist']) => {
  const items = kind === 'sell-to-execute' ? SELL_TO_EXECUTE_ITEMS : DELIVERY_TO_CARE_ITEMS;
  return size === 'typical' ? items : items.slice(0, 3);
};

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });
/** Whole euros in cents, rounded to a hundred euros. */
const euros = (value: number): Money => eur(Math.round(value / 100) * 100 * 100);

// ---- programs ----------------------------------------------------------------------------------

export interface ProgramInfo {
  readonly programId: string;
  readonly contractId: string;
  readonly customerId: string;
  readonly region: string;
}

/** A program and its frame contract, as the PMO and sales register them. */
export async function startProgram(office: Office, rng: Rng, index: number): Promise<ProgramInfo> {
  const [customerId, customerName] = CUSTOMERS[index % CUSTOMERS.length]!;
  const region = REGIONS[Math.floor(index / CUSTOMERS.length) % REGIONS.length]!;
  const programId = rng.uuid();
  const pmo = rng.pick(PMO);
  await office.send(
    rng,
    programAggregate,
    programStreamId(programId),
    pmo,
    (meta) =>
      ({
        type: 'CreateProgram',
        data: {
          programId,
          name: `${customerName.split(' ')[0]} network modernisation, region ${region} #${index + 1}`,
          customer: { id: customerId, name: customerName },
          managerId: pmo.sub,
        },
        meta,
      }) satisfies ProgramCommand,
  );
  // ContractsController.register: the program must exist (it does: we just created it).
  const contractId = rng.uuid();
  await office.send(
    rng,
    contractAggregate,
    contractStreamId(contractId),
    rng.pick(SALES),
    (meta) =>
      ({
        type: 'RegisterContract',
        data: {
          contractId,
          programId,
          customerId,
          title: `Frame agreement: supply, install, integrate (${region})`,
          value: euros(rng.int(20, 400) * 1_000_000),
          signedOn: office.clock.dateOf(office.clock.day),
        },
        meta,
      }) satisfies ContractCommand,
  );
  office.counters.programs += 1;
  return { programId, contractId, customerId, region };
}

// ---- projects ----------------------------------------------------------------------------------

interface Obligation {
  readonly obligationId: string;
  readonly dueOn: string;
}

type Send<TCommand> = (actor: Actor, build: CommandFactory<TCommand>) => Promise<CommandOutcome>;

/**
 * One project from creation to closure, with its side stories (change requests, risks,
 * complaints, incidents, acceptances) as stories of their own. It simply stops where the
 * simulation stops, so a history holds projects in every phase.
 */
export async function projectStory(
  office: Office,
  rng: Rng,
  program: ProgramInfo,
  number: number,
  profile: DeliveryProfile,
): Promise<void> {
  const { clock, scheduler } = office;
  const start = clock.day;
  const at = (offset: number) => scheduler.until(start + offset);
  const today = () => clock.day - start;
  const dateAt = (offset: number) => clock.dateOf(start + offset);
  /** A sender on one stream whose context ids come from `r` (each story has its own Rng). */
  const sender =
    <TCommand>(r: Rng, aggregate: AnyAggregateDefinition, streamId: string): Send<TCommand> =>
    (actor, build) =>
      office.send(r, aggregate, streamId, actor, build);
  /** A side story: its own Rng, started now, running beside this one. */
  const side = (story: (r: Rng) => Promise<void>): StoryTask => {
    const r = rng.fork(rng.int(0, 2 ** 30));
    return scheduler.spawn(() => story(r));
  };

  const projectId = rng.uuid();
  const stream = projectStreamId(projectId);
  const project = sender<ProjectCommand>(rng, projectAggregate, stream);
  const contract = contractStreamId(program.contractId);
  const onContract = sender<ContractCommand>(rng, contractAggregate, contract);
  const pm = rng.pick(PROJECT_MANAGERS);
  const pmo = rng.pick(PMO);
  const sales = rng.pick(SALES);
  const care = rng.pick(CARE);
  const short = projectId.slice(0, 8);
  const team = Array.from({ length: profile.team }, () => ({
    personId: `eng-${String(rng.int(1, 9999)).padStart(4, '0')}`,
    role: rng.pick(TEAM_ROLES),
  }));
  const sites = Array.from({ length: profile.sites }, (_, i) => `site-${short}-${i + 1}`);
  const executionDays = profile.months * 30;
  const budget = euros(rng.int(2, 60) * 1_000_000);

  // Sales registers the obligations this project will fulfil: an acceptance per object (with
  // liquidated damages) and the as-built documentation.
  const obligations: Obligation[] = [];
  for (let i = 0; i < profile.acceptances; i++) {
    const obligationId = rng.uuid();
    const dueOn = dateAt(40 + executionDays + 45 + i * 7);
    obligations.push({ obligationId, dueOn });
    await onContract(sales, (meta) => ({
      type: 'RegisterObligation',
      data: {
        obligationId,
        kind: 'acceptance',
        title: `Provisional acceptance of ${sites[i % Math.max(1, sites.length)] ?? 'the network'}`,
        evidenceRule: 'PAC signed by the customer',
        remedy: { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10, graceDays: 7 },
        dueOn,
      },
      meta,
    }));
  }
  const asBuiltObligation = profile.acceptances > 0 ? rng.uuid() : null;
  if (asBuiltObligation) {
    await onContract(sales, (meta) => ({
      type: 'RegisterObligation',
      data: {
        obligationId: asBuiltObligation,
        kind: 'deliverable',
        title: 'As-built documentation of every site',
        evidenceRule: 'Documents accepted in the customer DMS',
        remedy: null,
        dueOn: dateAt(60 + executionDays + 90),
      },
      meta,
    }));
  }

  // ProjectsController.create: the facts come from the program and contract streams.
  const [programNow, contractNow] = await Promise.all([
    office.executor.load(programAggregate, programStreamId(program.programId)),
    office.executor.load(contractAggregate, contract),
  ]);
  const programState = programNow.state;
  const contractState = contractNow.state;
  await project(pmo, (meta) => ({
    type: 'CreateProject',
    data: {
      projectId,
      programId: program.programId,
      contractId: program.contractId,
      name: `${program.region} ${rng.pick(SCOPES)} ${String(number + 1).padStart(5, '0')}`,
      programIsOpen: programState.status === 'active',
      contractIsRegistered:
        contractState.status !== 'absent' && contractState.programId === program.programId,
    },
    meta,
  }));
  office.counters.projects += 1;

  // ---- set-up ----
  await at(1);
  await project(pmo, (meta) => ({
    type: 'AssignTeamMember',
    data: { personId: pm.sub, role: 'project-manager', allocationPercent: rng.pick([50, 80, 100]) },
    meta,
  }));
  await project(pm, (meta) => ({
    type: 'SelectDeliveryApproach',
    data: {
      optionsConsidered: ['predictive', 'hybrid', 'agile'],
      chosen: rng.pick(['predictive', 'predictive', 'hybrid', 'agile'] as const),
      rationale: 'Fixed scope per site, customer acceptance per cluster; design iterates early',
    },
    meta,
  }));
  for (const member of team) {
    await project(pm, (meta) => ({
      type: 'AssignTeamMember',
      data: { ...member, allocationPercent: rng.pick([20, 50, 50, 100]) },
      meta,
    }));
  }
  await at(2);
  for (let i = 0; i < profile.stakeholders; i++) {
    await project(pm, (meta) => ({
      type: 'RegisterStakeholder',
      data: {
        stakeholderId: rng.uuid(),
        name: `${rng.pick(['A.', 'B.', 'C.', 'D.', 'E.'])} ${rng.pick(['Berg', 'Lind', 'Novak', 'Rossi', 'Meyer'])}`,
        organisation:
          i === 0 ? program.customerId : rng.pick(['municipality', 'landlord', 'regulator']),
        role: i === 0 ? 'Customer project director' : 'Permit authority',
        influence: rng.pick(['low', 'medium', 'high'] as const),
        interest: rng.pick(['low', 'medium', 'high'] as const),
      },
      meta,
    }));
  }
  if (profile.stakeholders > 0 && rng.chance(0.6)) {
    await project(pm, (meta) => ({
      type: 'DefineProcessCustomisation',
      data: {
        area: rng.pick(['network-operations', 'supply-chain', 'logistics', 'acceptance'] as const),
        deviation: 'Customer witnesses acceptance tests remotely',
        rationale: 'Sites are spread over the region; the customer asked for it in the kick-off',
      },
      meta,
    }));
  }

  // ---- the baseline ----
  await at(3);
  const scope = Array.from({ length: profile.scopeItems }, (_, i) => ({
    id: `s-${i + 1}`,
    title: `${rng.pick(SCOPES)} (lot ${i + 1})`,
  }));
  const onAir = { id: 'm-on-air', title: 'All sites on air', dueOn: dateAt(30 + executionDays) };
  // ProjectSetupController.establishBaseline: the obligation ids of the project's contract.
  const loaded = (await office.executor.load(projectAggregate, stream)).state;
  let contractObligationIds: string[] = [];
  if (loaded.status !== 'absent') {
    const ofContract = (
      await office.executor.load(contractAggregate, contractStreamId(loaded.contractId))
    ).state;
    if (ofContract.status !== 'absent') contractObligationIds = Object.keys(ofContract.obligations);
  }
  await project(pm, (meta) => ({
    type: 'EstablishBaseline',
    data: {
      budget,
      scope,
      milestones: [
        { id: 'm-design', title: 'Detailed design approved', dueOn: dateAt(45) },
        onAir,
        ...obligations.map((obligation, i) => ({
          id: `m-pac-${i + 1}`,
          title: `PAC of ${sites[i % Math.max(1, sites.length)] ?? 'the network'}`,
          dueOn: obligation.dueOn,
          obligationId: obligation.obligationId,
        })),
      ],
      quality: [
        { id: 'q-availability', criterion: 'Cell availability', target: '>= 99.5 %' },
        { id: 'q-drops', criterion: 'Dropped call rate', target: '<= 0.8 %' },
      ],
      contractObligationIds,
    },
    meta,
  }));

  // ---- Sell→Execute: sales hands over to the project manager ----
  await handover(office, rng, {
    handoverId: rng.uuid(),
    projectId,
    kind: 'sell-to-execute',
    items: checklistOf('sell-to-execute', profile.checklist),
    sender: sales,
    receiver: pm,
    at,
    from: 4,
  });

  // ---- execution: months of reporting, with the side stories beside them ----
  const executionStart = today() + 1;
  const sides: StoryTask[] = [];
  if (profile.months > 0) {
    sides.push(side((r) => changeRequests(r, executionStart + 20)));
    for (let i = 0; i < profile.risks; i++) {
      const from = executionStart + rng.int(0, Math.max(0, executionDays - 120));
      sides.push(side((r) => risk(r, from)));
    }
    for (let i = 0; i < occurrences(rng, profile.complaints); i++) {
      const from = executionStart + rng.int(30, Math.max(30, executionDays - 30));
      sides.push(side((r) => complaint(r, from)));
    }
    for (let i = 0; i < occurrences(rng, profile.incidents); i++) {
      const from = executionStart + rng.int(10, Math.max(10, executionDays - 20));
      sides.push(side((r) => incident(r, from)));
    }
  }

  const firstMonth = addCalendarMonths(`${dateAt(today()).slice(0, 8)}01`, 1);
  for (let m = 0; m < profile.months; m++) {
    const first = addCalendarMonths(firstMonth, m);
    const last = addCalendarDays(addCalendarMonths(first, 1), -1);
    const periodId = first.slice(0, 7);
    const day0 = clock.dayOf(first) - start;
    await at(day0);
    if (m > 0) {
      const previous = addCalendarMonths(first, -1).slice(0, 7);
      await project(pm, (meta) => ({
        type: 'CloseReportingPeriod',
        data: { periodId: previous },
        meta,
      }));
    }
    await project(pm, (meta) => ({
      type: 'OpenReportingPeriod',
      data: { periodId, startsOn: first, endsOn: last },
      meta,
    }));
    if (m > 0) await exposureHours(addCalendarMonths(first, -1).slice(0, 7), day0 + 1);
    await at(day0 + 14);
    for (let k = 0; k < profile.costsPerMonth; k++) {
      // The ERP bridge sends an Idempotency-Key per invoice, as the api's clients do.
      const erpDocumentId = `INV-${periodId.replace('-', '')}-${short}-${k + 1}`;
      const share = budget.amount / 100 / profile.months / profile.costsPerMonth;
      const body = {
        erpDocumentId,
        amount: euros((share * rng.int(70, 120)) / 100),
        postedOn: dateAt(day0 + 14),
      };
      await office.send(
        rng,
        projectAggregate,
        stream,
        ERP,
        (meta): ProjectCommand => ({ type: 'RecordActualCost', data: body, meta }),
        { key: `erp-${erpDocumentId}`, path: `/api/projects/${projectId}/actual-costs`, body },
      );
    }
    await at(day0 + 24);
    const percent = Math.min(100, Math.round((100 * (m + 1)) / profile.months));
    const reportId = `rep-${periodId}`;
    await project(pm, (meta) => ({
      type: 'ReportProgress',
      data: {
        reportId,
        periodId,
        items: scope.map(({ id }) => ({
          scopeItemId: id,
          percentComplete: Math.max(0, percent - rng.int(0, 6)),
        })),
      },
      meta,
    }));
    if (rng.chance(0.08)) {
      await at(day0 + 26);
      await project(pm, (meta) => ({
        type: 'CorrectProgress',
        data: {
          reportId,
          items: scope.map(({ id }) => ({ scopeItemId: id, percentComplete: percent })),
          reason: 'Site survey of two towers was counted twice',
        },
        meta,
      }));
    }
    if (m % 3 === 2) {
      await project(pm, (meta) => ({
        type: 'SubmitForecast',
        data: {
          milestones: [
            { milestoneId: 'm-on-air', forecastOn: addCalendarDays(onAir.dueOn, rng.int(-5, 30)) },
          ],
          estimateToComplete: euros(
            (budget.amount / 100) * (1 - percent / 100) * (rng.int(95, 115) / 100) + 100,
          ),
        },
        meta,
      }));
    }
  }
  if (profile.months > 0) {
    await at(clock.dayOf(addCalendarMonths(firstMonth, profile.months)) - start);
    const lastPeriod = addCalendarMonths(firstMonth, profile.months - 1).slice(0, 7);
    await project(pm, (meta) => ({
      type: 'CloseReportingPeriod',
      data: { periodId: lastPeriod },
      meta,
    }));
    await exposureHours(lastPeriod, today() + 1);
  }
  for (const task of sides) await scheduler.join(task);

  // ---- acceptance of the objects (concurrently); the last one gets its FAC after warranty ----
  const acceptanceFrom = today() + 2;
  const acceptances = obligations.map((obligation, i) => {
    const from = acceptanceFrom + i * 3;
    const withFac = i === obligations.length - 1;
    return side((r) => acceptance(r, from, obligation, withFac));
  });
  const finalAcceptance = acceptances.pop();
  for (const task of acceptances) await scheduler.join(task);

  // ---- Delivery→Care: the project manager hands over to care ----
  await at(today() + 10);
  if (asBuiltObligation) {
    await onContract(pm, (meta) => ({
      type: 'RecordObligationFulfilled',
      data: {
        obligationId: asBuiltObligation,
        fulfilledOn: dateAt(today()),
        evidence: { kind: 'document', ref: `dms://${short}/as-built` },
      },
      meta,
    }));
  }
  await handover(office, rng, {
    handoverId: rng.uuid(),
    projectId,
    kind: 'delivery-to-care',
    items: checklistOf('delivery-to-care', profile.checklist),
    sender: pm,
    receiver: care,
    at,
    from: today() + 1,
  });
  if (finalAcceptance) {
    await scheduler.join(finalAcceptance);
  } else {
    await at(today() + 2);
    await project(pmo, (meta) => ({
      type: 'WaiveFinalAcceptance',
      data: { reason: 'Customer accepted the works in the steering committee; no FAC issued' },
      meta,
    }));
  }
  await at(today() + 2);
  await project(pm, (meta) => ({
    type: 'CloseProject',
    data: { reason: 'Delivered, accepted and handed over to care' },
    meta,
  }));
  office.counters.closedProjects += 1;

  // ---- the side stories ----

  async function exposureHours(periodId: string, offset: number): Promise<void> {
    await at(offset);
    for (const siteId of sites) {
      // The timesheet bridge sends an Idempotency-Key per entry.
      const entryId = rng.uuid();
      const body = { entryId, siteId, periodId, hours: rng.int(400, 4800) };
      await office.send(
        rng,
        exposureHoursAggregate,
        exposureHoursStreamId(projectId),
        TIMESHEETS,
        (meta): ExposureHoursCommand => ({
          type: 'RecordExposureHours',
          data: { projectId, ...body },
          meta,
        }),
        { key: `ts-${entryId}`, path: `/api/projects/${projectId}/exposure-hours`, body },
      );
      if (rng.chance(0.04)) {
        await office.send(
          rng,
          exposureHoursAggregate,
          exposureHoursStreamId(projectId),
          pm,
          (meta) =>
            ({
              type: 'CorrectExposureHours',
              data: {
                projectId,
                entryId: rng.uuid(),
                correctsEntryId: entryId,
                hours: body.hours + rng.int(8, 160),
                reason: 'Subcontractor timesheets arrived late',
              },
              meta,
            }) satisfies ExposureHoursCommand,
        );
      }
    }
  }

  /** One after the other, so an assessment is never stale at its decision. */
  async function changeRequests(r: Rng, from: number): Promise<void> {
    const send = sender<ProjectCommand>(r, projectAggregate, stream);
    const span = Math.max(30, executionDays - 60);
    for (let k = 0; k < profile.changeRequests; k++) {
      const raisedAt = from + Math.floor((k * span) / profile.changeRequests);
      await at(raisedAt);
      const changeRequestId = r.uuid();
      const kind = r.pick(['sites', 'sites', 'delay', 'quality', 'contract'] as const);
      const categories: ChangeRequestCategory[] =
        kind === 'sites'
          ? ['scope', 'cost']
          : kind === 'delay'
            ? ['schedule']
            : kind === 'quality'
              ? ['quality']
              : ['contract', 'cost', 'schedule'];
      await send(pm, (meta) => ({
        type: 'RaiseChangeRequest',
        data: {
          changeRequestId,
          title:
            kind === 'sites'
              ? `Add ${r.int(2, 6)} sites for the new depot`
              : kind === 'delay'
                ? 'Permit delays at municipal sites'
                : kind === 'quality'
                  ? 'Tighter availability target for hospital sites'
                  : 'Contractual change: extended scope and dates',
          origin: r.pick(['customer', 'internal', 'risk', 'regulatory'] as const),
          categories,
          justification: 'Agreed in the monthly steering committee; see the minutes',
        },
        meta,
      }));
      if (r.chance(0.05)) {
        await at(raisedAt + 2);
        await send(pm, (meta) => ({
          type: 'WithdrawChangeRequest',
          data: { changeRequestId, reason: 'Covered by the existing scope after all' },
          meta,
        }));
        continue;
      }
      await at(raisedAt + 3);
      const delta = Math.max(
        10_000,
        Math.round((budget.amount * r.int(2, 9)) / 100 / 10_000) * 10_000,
      );
      await send(pm, (meta) => ({
        type: 'AssessChangeRequestImpact',
        data: {
          changeRequestId,
          cost: categories.includes('cost')
            ? { impact: 'change', budgetDelta: eur(delta) }
            : { impact: 'none' },
          schedule: categories.includes('schedule')
            ? {
                impact: 'change',
                milestoneShifts: [{ milestoneId: 'm-on-air', days: r.int(7, 45) }],
              }
            : { impact: 'none' },
          scope:
            kind === 'sites' || kind === 'contract'
              ? {
                  impact: 'change',
                  add: [{ id: `s-cr-${k + 1}`, title: 'Additional sites' }],
                  remove: [],
                }
              : { impact: 'none' },
          quality:
            kind === 'quality'
              ? {
                  impact: 'change',
                  criteria: [
                    { id: 'q-availability', criterion: 'Cell availability', target: '>= 99.9 %' },
                  ],
                }
              : { impact: 'none' },
          ...(kind === 'contract' ? { contractual: true } : {}),
        },
        meta,
      }));
      await at(raisedAt + 8);
      // Segregation of duties: the PMO decides what the project manager raised.
      const outcome = r.pick([
        'approved',
        'approved',
        'approved',
        'approved',
        'approved',
        'approved',
        'approved',
        'rejected',
        'rejected',
        'deferred',
      ] as const);
      await send(pmo, (meta) => ({
        type: 'DecideChangeRequest',
        data: {
          changeRequestId,
          outcome,
          reason:
            outcome === 'approved' ? 'Within the program reserve' : 'Not justified at this stage',
        },
        meta,
      }));
      if (outcome !== 'approved') {
        await at(raisedAt + 10);
        await send(pm, (meta) => ({ type: 'CloseChangeRequest', data: { changeRequestId }, meta }));
        continue;
      }
      if (kind === 'contract') {
        await at(raisedAt + 12);
        await send(pm, (meta) => ({
          type: 'RecordCustomerApproval',
          data: { changeRequestId, customerSignatureRef: `sig-${changeRequestId.slice(0, 8)}` },
          meta,
        }));
      }
      await at(raisedAt + 15);
      await send(pm, (meta) => ({
        type: 'ImplementChangeRequest',
        data: { changeRequestId },
        meta,
      }));
      await at(raisedAt + 25);
      await send(pm, (meta) => ({ type: 'CloseChangeRequest', data: { changeRequestId }, meta }));
    }
  }

  async function risk(r: Rng, from: number): Promise<void> {
    await at(from);
    const riskId = r.uuid();
    const send = sender<RiskCommand>(r, riskAggregate, riskStreamId(riskId));
    const threat = r.chance(0.85);
    await send(pm, (meta) => ({
      type: 'RaiseRisk',
      data: {
        riskId,
        projectId,
        kind: threat ? 'threat' : 'opportunity',
        title: threat ? 'Late delivery of antennas' : 'Reuse of existing towers',
        cause: threat ? 'Single supplier for the antenna type' : 'Towers are in good condition',
        event: threat ? 'Antennas arrive after the install window' : 'Survey confirms the reuse',
        effect: threat ? 'Install crews idle, the on-air date slips' : 'Lower civil works cost',
        category: r.pick(RISK_CATEGORIES),
      },
      meta,
    }));
    await at(from + 2);
    const probability = r.int(1, 5);
    await send(pm, (meta) => ({
      type: 'AssessRisk',
      data: {
        probability,
        dimensionImpacts: { cost: r.int(1, 5), schedule: r.int(1, 5) },
        costImpact: euros(r.int(5, 400) * 1000),
        scheduleDays: r.int(0, 40),
        nextReviewOn: dateAt(from + 30),
      },
      meta,
    }));
    await at(from + 3);
    const owner = team[0]?.personId ?? pm.sub;
    await send(pm, (meta) => ({ type: 'AssignRiskOwner', data: { ownerId: owner }, meta }));
    await at(from + 5);
    const reserve = threat && r.chance(0.5) ? euros(r.int(10, 200) * 1000) : null;
    await send(pm, (meta) => ({
      type: 'PlanRiskResponse',
      data: {
        strategy: threat
          ? r.pick(['mitigate', 'mitigate', 'transfer', 'accept'] as const)
          : 'exploit',
        description: 'Second source qualified; buffer stock at the regional warehouse',
        ...(reserve ? { contingencyReserve: reserve } : {}),
      },
      meta,
    }));
    await at(from + 6);
    const actionId = r.uuid();
    await send(pm, (meta) => ({
      type: 'AddResponseAction',
      data: {
        actionId,
        description: 'Qualify the second supplier',
        ownerId: owner,
        dueOn: dateAt(from + 30),
        status: 'open',
      },
      meta,
    }));
    if (r.chance(0.1)) {
      await send(pm, (meta) => ({
        type: 'EscalateRisk',
        data: {
          level: 'program',
          escalatedTo: pmo.sub,
          reason: 'Exposure above the project reserve',
        },
        meta,
      }));
    }
    await at(from + 20);
    await send(pm, (meta) => ({
      type: 'UpdateResponseAction',
      data: { actionId, status: 'in-progress' },
      meta,
    }));
    await at(from + 35);
    await send(pm, (meta) => ({
      type: 'UpdateResponseAction',
      data: { actionId, status: 'done' },
      meta,
    }));
    await at(from + 36);
    await send(pm, (meta) => ({
      type: 'AssessResidualRisk',
      data: {
        probability: Math.max(1, probability - 1),
        impact: r.int(1, 3),
        costImpact: euros(r.int(1, 50) * 1000),
      },
      meta,
    }));
    if (r.chance(0.15)) {
      await at(from + 40);
      await send(pm, (meta) => ({
        type: 'RecordRiskOccurrence',
        data: {
          occurredOn: dateAt(from + 39),
          description: threat
            ? 'Antennas for six sites delayed by three weeks'
            : 'Twelve towers reused',
          actualCostImpact: euros(r.int(5, 100) * 1000),
        },
        meta,
      }));
      if (reserve) {
        await send(pm, (meta) => ({
          type: 'DrawContingency',
          data: { amount: euros(reserve.amount / 100 / 2), reason: 'Crew standby costs' },
          meta,
        }));
      }
      await at(from + 60);
      await send(pm, (meta) => ({
        type: 'CloseRisk',
        data: {
          reason: threat ? 'occurred-and-resolved' : 'realised',
          note: 'Lessons learned recorded',
        },
        meta,
      }));
      return;
    }
    await at(from + r.int(60, 110));
    await send(pm, (meta) => ({
      type: 'CloseRisk',
      data: {
        reason: threat
          ? r.pick(['expired', 'no-longer-relevant', 'avoided'] as const)
          : r.pick(['expired', 'no-longer-relevant'] as const),
      },
      meta,
    }));
  }

  async function complaint(r: Rng, from: number): Promise<void> {
    await at(from);
    const complaintId = r.uuid();
    const send = sender<ComplaintCommand>(r, complaintAggregate, complaintStreamId(complaintId));
    const hsRelated = r.chance(0.05);
    await send(CRM, (meta) => ({
      type: 'ReceiveComplaint',
      data: {
        complaintId,
        projectId,
        receivedOn: dateAt(from),
        channel: r.pick(['email', 'phone', 'portal', 'meeting'] as const),
        summary: hsRelated
          ? 'Open trench left unfenced near a school'
          : 'Crews blocked the car park without notice',
        customerContactRef: `crm-contact-${r.int(10000, 99999)}`,
        hsRelated,
      },
      meta,
    }));
    await at(from + 1);
    await send(pm, (meta) => ({ type: 'AcknowledgeComplaint', data: {}, meta }));
    await at(from + 2);
    await send(pm, (meta) => ({
      type: 'AssessComplaint',
      data: {
        severity: hsRelated ? 'critical' : r.pick(['high', 'medium', 'medium', 'low'] as const),
        dueOn: dateAt(from + (hsRelated ? 3 : 16)),
      },
      meta,
    }));
    await at(from + 3);
    await send(pm, (meta) => ({
      type: 'InvestigateComplaint',
      data: { findings: 'The subcontractor skipped the site notice procedure' },
      meta,
    }));
    if (r.chance(0.35)) {
      // A corrective action raised from the complaint, linked back to it (ComplaintsController:
      // the link's fact is where the CAPA says it was raised from, loaded from its stream).
      const capaId = r.uuid();
      const capaRng = r.fork(1);
      scheduler.spawn(() => capa(capaRng, capaId, 'complaint', complaintId, from + 3));
      await at(from + 5);
      const loaded = (await office.executor.load(capaAggregate, capaStreamId(capaId))).state;
      const capaRaisedFrom =
        loaded.status === 'absent' || loaded.projectId !== projectId
          ? null
          : { source: loaded.source, sourceRef: loaded.sourceRef };
      await send(pm, (meta) => ({
        type: 'LinkComplaintToCorrectiveAction',
        data: { capaId, capaRaisedFrom },
        meta,
      }));
    }
    await at(from + 4);
    await send(pm, (meta) => ({
      type: 'RespondToComplaint',
      data: {
        response: 'Procedure re-briefed to every crew; notices now go out 48 h ahead',
        respondedOn: dateAt(from + 4),
      },
      meta,
    }));
    await at(from + 15);
    const satisfied = r.chance(0.85);
    await send(care, (meta) => ({
      type: 'CloseComplaint',
      data: {
        customerSatisfied: satisfied,
        note: satisfied ? null : 'Customer expects compensation',
      },
      meta,
    }));
  }

  async function incident(r: Rng, from: number): Promise<void> {
    await at(from);
    const incidentId = r.uuid();
    const send = sender<SafetyIncidentCommand>(
      r,
      safetyIncidentAggregate,
      safetyIncidentStreamId(incidentId),
    );
    await send(HSE_APP, (meta) => ({
      type: 'ReportSafetyIncident',
      data: {
        incidentId,
        projectId,
        siteId: sites.length > 0 ? r.pick(sites) : `site-${short}`,
        occurredAt: clock.instantOf(start + from, '06:30'),
        description: 'Rigger slipped on a wet ladder rung while descending',
        personRefs: [`emp-${r.int(10000, 99999)}`],
      },
      meta,
    }));
    await at(from + 1);
    const classification: IncidentClassification = r.pick([
      'near-miss',
      'near-miss',
      'near-miss',
      'first-aid',
      'first-aid',
      'medical-treatment',
      'lost-time-injury',
    ] as const);
    await send(pm, (meta) => ({ type: 'ClassifySafetyIncident', data: { classification }, meta }));
    if (classification === 'lost-time-injury') {
      await at(from + 5);
      await send(pm, (meta) => ({
        type: 'RecordLostDays',
        data: { lostDays: r.int(2, 20), reason: null },
        meta,
      }));
    }
    await at(from + 7);
    await send(pm, (meta) => ({
      type: 'InvestigateSafetyIncident',
      data: {
        findings: 'Ladder not inspected before use; the rung was worn',
        rootCauseRef: r.chance(0.5) ? `rca-${r.int(1000, 9999)}` : null,
      },
      meta,
    }));
    if (classification !== 'near-miss' && r.chance(0.3)) {
      const capaRng = r.fork(1);
      scheduler.spawn(() => capa(capaRng, capaRng.uuid(), 'incident', incidentId, from + 8));
    }
    await at(from + 14);
    await send(pm, (meta) => ({
      type: 'CloseSafetyIncident',
      data: { note: 'Ladder inspections added to the daily checklist' },
      meta,
    }));
  }

  /** A CAPA from containment to a verified-effective close (a new action when a check fails). */
  async function capa(
    r: Rng,
    capaId: string,
    source: 'complaint' | 'incident',
    sourceRef: string,
    from: number,
  ): Promise<void> {
    await at(from);
    const send = sender<CapaCommand>(r, capaAggregate, capaStreamId(capaId));
    await send(pm, (meta) => ({
      type: 'OpenCorrectiveAction',
      data: {
        capaId,
        projectId,
        source,
        sourceRef,
        problemStatement:
          source === 'complaint'
            ? 'Site notices are not sent before crews block shared access'
            : 'Ladders are used without a pre-use inspection',
      },
      meta,
    }));
    await at(from + 1);
    await send(pm, (meta) => ({
      type: 'RecordContainment',
      data: { actionTaken: 'Stand-down briefing with every crew on the project' },
      meta,
    }));
    await at(from + 3);
    await send(pm, (meta) => ({
      type: 'RecordRootCause',
      data: {
        method: r.pick(['5-whys', '5-whys', 'fishbone'] as const),
        statement: 'The subcontractor onboarding does not cover the procedure',
      },
      meta,
    }));
    await send(pm, (meta) => ({
      type: 'DefineEffectivenessCriteria',
      data: {
        criteria: [
          { criterionId: 'c-repeat', description: 'No repeat within 90 days' },
          { criterionId: 'c-audit', description: 'Spot audit of five crews passes' },
        ],
      },
      meta,
    }));
    const owner = team[0]?.personId ?? pm.sub;
    let day = from + 4;
    for (let check = 1; ; check++) {
      await at(day);
      const actionId = `a-${check}`;
      await send(pm, (meta) => ({
        type: 'AddCorrectiveAction',
        data: {
          actionId,
          description:
            check === 1
              ? 'Add the procedure to subcontractor onboarding'
              : 'Monthly crew refresher',
          ownerId: owner,
          dueOn: dateAt(day + 30),
        },
        meta,
      }));
      await at(day + r.int(10, 30));
      await send(pm, (meta) => ({
        type: 'CompleteCorrectiveAction',
        data: { actionId, evidence: r.chance(0.7) ? `dms://${short}/capa/${actionId}` : null },
        meta,
      }));
      day += 60;
      await at(day);
      const met = check > 1 || r.chance(0.8);
      await send(care, (meta) => ({
        type: 'RecordEffectivenessCheck',
        data: {
          results: [
            { criterionId: 'c-repeat', met: true, observation: null },
            {
              criterionId: 'c-audit',
              met,
              observation: met ? null : 'Two of five crews had not been briefed',
            },
          ],
        },
        meta,
      }));
      if (met) break;
    }
    await at(day + 2);
    await send(pm, (meta) => ({
      type: 'CloseCorrectiveAction',
      data: { note: 'Verified effective' },
      meta,
    }));
  }

  async function acceptance(
    r: Rng,
    from: number,
    obligation: Obligation,
    withFac: boolean,
  ): Promise<void> {
    await at(from);
    const acceptanceId = r.uuid();
    const send = sender<AcceptanceCommand>(
      r,
      acceptanceAggregate,
      acceptanceStreamId(acceptanceId),
    );
    // AcceptancesController.obligationLink: the project's contract, holding the obligation.
    const state = (await office.executor.load(projectAggregate, stream)).state;
    if (state.status === 'absent') throw new Error(`project ${projectId} is not in the log`);
    const object =
      withFac && obligations.length > 1
        ? { kind: 'network' as const, ref: `net-${short}`, title: 'The whole network, end to end' }
        : {
            kind: 'site' as const,
            ref: r.pick(sites.length > 0 ? sites : [`site-${short}`]),
            title: 'Site acceptance',
          };
    await send(pm, (meta) => ({
      type: 'OpenAcceptance',
      data: {
        acceptanceId,
        projectId,
        object,
        obligation: {
          contractId: state.contractId,
          obligationId: obligation.obligationId,
          fulfilledBy: 'pac',
        },
        warrantyMonths: profile.warrantyMonths,
      },
      meta,
    }));
    let day = from + 2;
    for (let test = 1; ; test++) {
      await at(day);
      const testId = `t-${test}`;
      await send(pm, (meta) => ({
        type: 'ScheduleAcceptanceTest',
        data: { testId, scheduledOn: dateAt(day + 5) },
        meta,
      }));
      await at(day + 5);
      const passed = test > 1 || r.chance(0.7);
      await send(care, (meta) => ({
        type: 'RecordAcceptanceTestResult',
        data: {
          testId,
          result: passed ? 'passed' : 'failed',
          notes: passed ? 'All KPIs within target' : 'VSWR out of range on sector 2',
        },
        meta,
      }));
      if (passed) break;
      const itemId = `p-${test}`;
      await send(care, (meta) => ({
        type: 'RaisePunchItem',
        data: { itemId, severity: 'A', description: 'Replace the jumper on sector 2' },
        meta,
      }));
      await at(day + 8);
      await send(pm, (meta) => ({
        type: 'ClearPunchItem',
        data: { itemId, evidence: { ref: `photo-${itemId}`, note: null } },
        meta,
      }));
      day += 9;
    }
    const minor = r.chance(0.5) ? 'p-minor' : null;
    if (minor) {
      await send(care, (meta) => ({
        type: 'RaisePunchItem',
        data: { itemId: minor, severity: 'B', description: 'Cable labels missing in the shelter' },
        meta,
      }));
    }
    await at(day + 7);
    const pacOn = dateAt(day + 7);
    await send(pm, (meta) => ({
      type: 'IssueProvisionalAcceptanceCertificate',
      data: { certificateId: r.uuid(), issuedOn: pacOn },
      meta,
    }));
    if (minor) {
      await at(day + 20);
      await send(pm, (meta) => ({
        type: 'ClearPunchItem',
        data: { itemId: minor, evidence: { ref: 'photo-labels', note: 'Labelled' } },
        meta,
      }));
    }
    if (!withFac) return;
    const facDay = clock.dayOf(addCalendarMonths(pacOn, profile.warrantyMonths)) - start + 1;
    await at(facDay);
    await send(pm, (meta) => ({
      type: 'IssueFinalAcceptanceCertificate',
      data: { certificateId: r.uuid(), issuedOn: dateAt(facDay) },
      meta,
    }));
  }
}

interface HandoverPlan {
  readonly handoverId: string;
  readonly projectId: string;
  readonly kind: HandoverKind;
  readonly items: ReadonlyArray<{
    readonly id: string;
    readonly title: string;
    readonly mandatory: boolean;
  }>;
  readonly sender: Actor;
  readonly receiver: Actor;
  readonly at: (offset: number) => Promise<void>;
  readonly from: number;
}

/** Initiate; evidence three items a day, each accepted the next day; approval. */
async function handover(office: Office, rng: Rng, plan: HandoverPlan): Promise<void> {
  const { handoverId, projectId, kind, items, sender, receiver, at, from } = plan;
  const streamId = handoverStreamId(handoverId);
  const send = (actor: Actor, build: CommandFactory<HandoverCommand>) =>
    office.send(rng, handoverAggregate, streamId, actor, build);
  await at(from);
  await send(sender, (meta) => ({
    type: 'InitiateHandover',
    data: {
      handoverId,
      projectId,
      kind,
      items: items.map(({ id, title, mandatory }) => ({ id, title, mandatory })),
    },
    meta,
  }));
  // An optional item is sometimes still being drawn up at approval time.
  const handed = items.filter((item) => item.mandatory || rng.chance(0.5));
  const groups = Math.ceil(handed.length / 3);
  for (let g = 0; g <= groups; g++) {
    await at(from + 1 + g);
    for (const [i, item] of handed.entries()) {
      if (Math.floor(i / 3) === g - 1) {
        await send(receiver, (meta) => ({
          type: 'AcceptHandoverItem',
          data: { itemId: item.id, note: i === 0 ? 'Reviewed together' : null },
          meta,
        }));
      }
    }
    for (const [i, item] of handed.entries()) {
      if (Math.floor(i / 3) === g) {
        await send(sender, (meta) => ({
          type: 'SubmitHandoverItem',
          data: { itemId: item.id, evidence: { ref: `dms://${projectId.slice(0, 8)}/${item.id}` } },
          meta,
        }));
      }
    }
  }
  await at(from + groups + 2);
  await send(receiver, (meta) => ({
    type: 'ApproveHandover',
    data: { note: 'Complete; LD clauses noted' },
    meta,
  }));
}

/** How many times something expected `mean` times per project happens here. */
function occurrences(rng: Rng, mean: number): number {
  const whole = Math.floor(mean);
  return whole + (rng.chance(mean - whole) ? 1 : 0);
}
