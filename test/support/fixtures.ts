import { httpClient, type HttpClient } from './http-client';
import { startTestApp, type TestApp } from './test-app';

/**
 * Set-up over HTTP, as the people who own each step would do it. Each helper sends exactly the
 * body it is given, expects 201 and answers the new id.
 */

const customer = { customerId: 'cust-1', customerName: 'Nordic Telco' };

async function created(
  http: HttpClient,
  url: string,
  body: unknown,
  token: string,
): Promise<string> {
  const response = await http.post(url, body, token);
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

/** POST /api/programs for customer cust-1 (Nordic Telco). */
export const createProgram = (http: HttpClient, token: string, name: string) =>
  created(http, '/api/programs', { name, ...customer }, token);

export interface ContractBody {
  readonly programId: string;
  readonly customerId: string;
  readonly title: string;
  readonly value: { readonly amount: number; readonly currency: string };
  readonly signedOn: string;
}

/** POST /api/contracts. */
export const registerContract = (http: HttpClient, token: string, body: ContractBody) =>
  created(http, '/api/contracts', body, token);

/** POST /api/projects. */
export const createProject = (
  http: HttpClient,
  token: string,
  body: { programId: string; contractId: string; name: string },
) => created(http, '/api/projects', body, token);

/** A contract registered in its program and a project under it, both by `token`; the project's id. */
export async function contractAndProject(
  http: HttpClient,
  token: string,
  contract: ContractBody,
  projectName: string,
): Promise<string> {
  const contractId = await registerContract(http, token, contract);
  return createProject(http, token, {
    programId: contract.programId,
    contractId,
    name: projectName,
  });
}

/** A program, a contract registered in it and a project under that contract, all by `token`. */
export async function programWithProject(
  http: HttpClient,
  token: string,
  names: { program: string; contract: Omit<ContractBody, 'programId'>; project: string },
): Promise<{ programId: string; contractId: string; projectId: string }> {
  const programId = await createProgram(http, token, names.program);
  const contractId = await registerContract(http, token, { programId, ...names.contract });
  const projectId = await createProject(http, token, {
    programId,
    contractId,
    name: names.project,
  });
  return { programId, contractId, projectId };
}

/**
 * The PMO's set-up shared by the project-scoped specs (corrective actions, complaints, H&S,
 * surveys): Pat (pmo) creates the program "Fibre North", and for each project a "Fibre frame
 * contract" in it and a "Site rollout" project under that contract.
 */
export function fibreRollout(t: () => TestApp, http: HttpClient) {
  const pmo = () => t().token({ sub: 'pat', roles: ['pmo'] });
  return {
    program: async (): Promise<string> => createProgram(http, await pmo(), 'Fibre North'),
    project: async (programId: string): Promise<string> =>
      contractAndProject(
        http,
        await pmo(),
        {
          programId,
          customerId: 'cust-1',
          title: 'Fibre frame contract',
          value: { amount: 500_000_000, currency: 'EUR' },
          signedOn: '2026-01-15',
        },
        'Site rollout',
      ),
  };
}

/** A started app with Pat's program "Fibre North", two of its projects and Carol's token. */
export interface FibreRolloutApp {
  readonly t: TestApp;
  /** Carol, the customer project manager. */
  readonly cpm: string;
  readonly programId: string;
  readonly projectId: string;
  /** A second project of the same program (addressing a resource under the wrong project). */
  readonly otherProjectId: string;
}

/**
 * The world of the project-level register specs (complaints, CAPAs, H&S, surveys): one helper
 * instead of the same `beforeAll` in each.
 */
export async function startFibreRolloutApp(): Promise<FibreRolloutApp> {
  const t = await startTestApp();
  const cpm = await t.token({ sub: 'carol', roles: ['project-manager'] });
  const setup = fibreRollout(
    () => t,
    httpClient(
      () => t,
      () => cpm,
    ),
  );
  const programId = await setup.program();
  const projectId = await setup.project(programId);
  const otherProjectId = await setup.project(programId);
  return { t, cpm, programId, projectId, otherProjectId };
}
