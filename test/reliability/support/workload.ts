import { projectStreamId } from '@ledger/domain';
import {
  acknowledgementOf,
  caller,
  command,
  drive,
  type Caller,
  type Command,
  type Outcome,
} from './ledger-client';

/**
 * The people of the reliability runs and the work they do over HTTP: a project set up the way
 * the product wants (program, contract, project, baseline, Sell→Execute handover approved,
 * reporting period open), then a stream of everyday commands on several projects.
 */
export interface People {
  /** Sales: hands the won deal over (the sender cannot approve it). */
  readonly sam: Caller;
  /** PMO, project manager, the ERP integration and admin (the read-model status route). */
  readonly pat: Caller;
}

export async function people(): Promise<People> {
  return {
    sam: await caller('sam', ['sales']),
    pat: await caller('pat', ['pmo', 'project-manager', 'integration', 'admin']),
  };
}

export const PERIOD = { periodId: '2026-04', startsOn: '2026-04-01', endsOn: '2026-04-30' };
const customer = { customerId: 'cust-1', customerName: 'Nordic Telco' };

export interface ReadyProject {
  readonly programId: string;
  readonly projectId: string;
}

/** Sends one command (surviving no crash: set-up runs while the server is up) and wants 2xx. */
async function accepted(base: string, cmd: Command, log: Outcome[]): Promise<Outcome> {
  const [outcome] = await drive({ base, commands: [cmd], clients: 1, maxAttempts: 3 });
  if (!outcome || outcome.answer.status >= 300) {
    throw new Error(
      `set-up ${cmd.kind} ${cmd.path} answered ${outcome?.answer.status}: ` +
        JSON.stringify(outcome?.answer.body).slice(0, 500),
    );
  }
  log.push(outcome);
  return outcome;
}

const idOf = (outcome: Outcome): string => {
  const id = acknowledgementOf(outcome).id;
  if (!id) throw new Error(`${outcome.command.kind} answered no id`);
  return id;
};

/** A program (or the given one) with a contract and a project ready for execution commands. */
export async function setUpProject(
  base: string,
  who: People,
  name: string,
  log: Outcome[],
  programId?: string,
): Promise<ReadyProject> {
  const { pat, sam } = who;
  const program =
    programId ??
    idOf(
      await accepted(
        base,
        command('create-program', '/api/programs', { name, ...customer }, pat),
        log,
      ),
    );
  const contractId = idOf(
    await accepted(
      base,
      command(
        'register-contract',
        '/api/contracts',
        {
          programId: program,
          customerId: customer.customerId,
          title: `${name} frame contract`,
          value: { amount: 500_000_000_000, currency: 'EUR' },
          signedOn: '2026-01-15',
        },
        pat,
      ),
      log,
    ),
  );
  const projectId = idOf(
    await accepted(
      base,
      command('create-project', '/api/projects', { programId: program, contractId, name }, pat),
      log,
    ),
  );
  const url = `/api/projects/${projectId}`;
  await accepted(
    base,
    command(
      'establish-baseline',
      `${url}/baseline`,
      {
        budget: { amount: 100_000_000_000, currency: 'EUR' },
        scope: [
          { id: 's1', title: 'Core sites' },
          { id: 's2', title: 'Access sites' },
        ],
        milestones: [{ id: 'm1', title: 'Core network ready', dueOn: '2026-06-30' }],
        quality: [{ id: 'q1', criterion: 'Link availability', target: '99.95 %' }],
      },
      pat,
    ),
    log,
  );
  const handoverId = idOf(
    await accepted(
      base,
      command(
        'initiate-handover',
        `${url}/handovers`,
        {
          kind: 'sell-to-execute',
          items: [
            { id: 'signed-contract', title: 'Signed contract and annexes', mandatory: true },
            { id: 'sow', title: 'Statement of work', mandatory: true },
          ],
        },
        sam,
      ),
      log,
    ),
  );
  const handover = `${url}/handovers/${handoverId}`;
  for (const item of ['signed-contract', 'sow']) {
    await accepted(
      base,
      command(
        'submit-evidence',
        `${handover}/items/${item}/evidence`,
        { ref: `dms://${item}` },
        sam,
      ),
      log,
    );
    await accepted(
      base,
      command('accept-item', `${handover}/items/${item}/accept`, { note: 'Checked' }, pat),
      log,
    );
  }
  await accepted(
    base,
    command('approve-handover', `${handover}/approve`, { note: 'In order' }, pat),
    log,
  );
  await accepted(base, command('open-period', `${url}/reporting-periods`, PERIOD, pat), log);
  return { programId: program, projectId };
}

/**
 * The i-th everyday command on `project`: a stakeholder, an actual cost from the ERP, a progress
 * report, or now and then a new program (a create: its id is derived from the key). Each names
 * the fact it adds, which the log must hold exactly once.
 */
export function everydayCommand(i: number, project: ReadyProject, who: People): Command {
  const url = `/api/projects/${project.projectId}`;
  const stream = projectStreamId(project.projectId);
  if (i % 25 === 24) {
    return command(
      'create-program',
      '/api/programs',
      { name: `Program ${i}`, ...customer },
      who.pat,
      `program/Program ${i}`,
    );
  }
  switch (i % 3) {
    case 0:
      return command(
        'register-stakeholder',
        `${url}/stakeholders`,
        {
          stakeholderId: `sh-${i}`,
          name: `Stakeholder ${i}`,
          organisation: 'Nordic Telco',
          role: 'Site owner',
          influence: 'low',
          interest: 'high',
        },
        who.pat,
        `${stream}/stakeholder/sh-${i}`,
      );
    case 1:
      return command(
        'record-actual-cost',
        `${url}/actual-costs`,
        {
          erpDocumentId: `INV/${i}`,
          amount: { amount: 1_000 + i, currency: 'EUR' },
          postedOn: '2026-04-10',
        },
        who.pat,
        `${stream}/cost/INV/${i}`,
      );
    default:
      return command(
        'report-progress',
        `${url}/progress`,
        {
          reportId: `rep-${i}`,
          periodId: PERIOD.periodId,
          items: [{ scopeItemId: i % 2 === 0 ? 's1' : 's2', percentComplete: i % 101 }],
        },
        who.pat,
        `${stream}/report/rep-${i}`,
      );
  }
}
