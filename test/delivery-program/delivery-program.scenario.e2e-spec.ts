import type { Role } from '@ledger/domain';
import { readStoreVariants } from '../support/read-store-variants';
import { startTestApp } from '../support/test-app';
import { programAndContract } from './01-program-and-contract';
import { sellToExecuteHandover } from './02-sell-to-execute';
import { baselineAndExecution } from './03-baseline-and-execution';
import { changeRequestsAndObligations } from './04-change-requests-and-obligations';
import { risks } from './05-risks';
import { acceptance } from './06-acceptance';
import { complaintAndCapa } from './07-complaint-and-capa';
import { safetyAndLastPeriod } from './08-safety-and-last-period';
import { careHandoverAndClosure } from './09-care-handover-and-closure';
import { provenance } from './10-provenance';
import { projectAndContractReadModels } from './11-read-models-project-contract';
import { riskHandoverAndAcceptanceReadModels } from './12-read-models-risks-handovers-acceptance';
import { qualitySafetyAndPortfolioReadModels } from './13-read-models-quality-safety-portfolio';
import { rebuild } from './14-rebuild';
import { people, scenarioWorld, type Person } from './support';

/**
 * Issue 3, "Done means": one customer program walked end to end over HTTP, from contract
 * signature to closure, asserting after every step which events were appended to which stream.
 * The steps run in order and share what they created through the variables below.
 *
 * Issue 4: the scenario ends by reading every read model at the head of the log (the exact
 * figures the steps imply), then rebuilds every read model from the log and expects the very
 * same documents and answers. It runs on each read store (embedded, and MongoDB when
 * MONGODB_URI is set).
 */
/* The chapters run in this order, on one app, and share what they create through the world `w`
 * (see ./support.ts); each chapter's file holds its steps, as numbered in the story. */

describe.each(readStoreVariants('delivery program scenario'))(
  'A delivery program from contract signature to closure (scenario over HTTP, %s read store)',
  (_name, variant) => {
    const w = scenarioWorld();

    beforeAll(async () => {
      w.t = await startTestApp(variant.env());
      for (const [sub, roles] of Object.entries(people) as Array<[Person, readonly Role[]]>) {
        w.tokens[sub] = await w.t.token({ sub, roles: [...roles] });
      }
    });
    afterAll(async () => {
      await w.t.close();
      await variant.dispose();
    });

    programAndContract(w);
    sellToExecuteHandover(w);
    baselineAndExecution(w);
    changeRequestsAndObligations(w);
    risks(w);
    acceptance(w);
    complaintAndCapa(w);
    safetyAndLastPeriod(w);
    careHandoverAndClosure(w);
    provenance(w);
    projectAndContractReadModels(w);
    riskHandoverAndAcceptanceReadModels(w);
    qualitySafetyAndPortfolioReadModels(w);
    rebuild(w);
  },
);
