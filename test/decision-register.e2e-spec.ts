import { programWithProject } from './support/fixtures';
import { httpClient, tokensFor } from './support/http-client';
import { expectProblem } from './support/problem';
import { readStoreVariants } from './support/read-store-variants';
import { startTestApp, type TestApp } from './support/test-app';

/** Business times of the commands (effectiveAt), so the period filters are exact. */
const on = (day: string) => `2026-03-${day}T09:00:00.000Z`;
const eur = (amount: number) => ({ amount, currency: 'EUR' });

const contract = {
  customerId: 'cust-1',
  title: 'RAN modernisation',
  value: eur(100_000_000),
  signedOn: '2025-01-15',
};
const baseline = {
  budget: eur(100_000_000),
  scope: [{ id: 's1', title: 'Core sites' }],
  milestones: [{ id: 'm1', title: 'Core network ready', dueOn: '2026-06-30' }],
  quality: [{ id: 'q1', criterion: 'Link availability', target: '99.95 %' }],
};
const none = { impact: 'none' };

interface Entry {
  kind: string;
  decidedBy: string;
  segregation: { requestedBy: string | null; decidedBy: string; distinct: boolean | null };
}
interface Page {
  items: Entry[];
  total: number;
  segregationExceptions: number;
  position: number;
}

/**
 * The decision register over HTTP (issue 10 §1): a realistic history written through the
 * command routes, then read back as an auditor. Segregation exceptions the domain allows, and
 * the register must show: the change request's requester recording the customer's signature on
 * it (the domain refuses only the requester deciding it), and the PMO who accrued liquidated
 * damages waiving them. The requester deciding their own change request and the initiator
 * deciding their own handover are refused by the domain, so those show distinct: true.
 */
describe.each(readStoreVariants('decision register'))(
  'Decision register over HTTP (GET /api/audit/decisions, %s read store)',
  (_name, variant) => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const http = httpClient(() => t);
    let programId: string;
    let contractId: string;
    let projectId: string;
    let otherProgramId: string;
    let crId: string;
    let handoverId: string;
    let obligationId: string;
    let lastPosition = 0;

    const ok = async (url: string, body: object, who: string) => {
      const answer = (await http.postOk(url, body, tokens[who])) as {
        id?: string;
        position?: number;
      };
      lastPosition = Math.max(lastPosition, answer.position ?? 0);
      return answer;
    };
    const register = async (query: string, who = 'audrey') => {
      const response = await http.get(
        `/api/audit/decisions?minPosition=${lastPosition}&${query}`,
        tokens[who],
      );
      expect(response.statusCode).toBe(200);
      return response.json<Page>();
    };
    const kinds = (page: Page) => page.items.map((item) => `${item.kind} by ${item.decidedBy}`);

    /** A handover of one mandatory item, initiated by Sam (sales) and decided by Carla. */
    const handover = async (project: string, decision: 'approve' | 'reject', day: string) => {
      const url = `/api/projects/${project}/handovers`;
      const id = (
        await ok(
          url,
          {
            kind: 'sell-to-execute',
            items: [{ id: 'contract', title: 'Signed contract', mandatory: true }],
            effectiveAt: on('01'),
          },
          'sam',
        )
      ).id!;
      await ok(`${url}/${id}/items/contract/evidence`, { ref: 'dms://contract' }, 'sam');
      await ok(`${url}/${id}/items/contract/accept`, { note: 'Checked' }, 'carla');
      await ok(
        `${url}/${id}/${decision}`,
        decision === 'approve'
          ? { note: 'Taken over', effectiveAt: on(day) }
          : { reason: 'Wrong customer', effectiveAt: on(day) },
        'carla',
      );
      return id;
    };

    beforeAll(async () => {
      t = await startTestApp(variant.env());
      Object.assign(
        tokens,
        await tokensFor(t, {
          sam: { roles: ['sales'] },
          carla: { roles: ['project-manager'] },
          paula: { roles: ['pmo'] },
          admin: { sub: 'ada', roles: ['admin'] },
        }),
      );
      ({ programId, contractId, projectId } = await programWithProject(http, tokens.paula!, {
        program: 'RAN North',
        contract,
        project: 'Metro sites',
      }));
      const other = await programWithProject(http, tokens.paula!, {
        program: 'RAN South',
        contract,
        project: 'Rural sites',
      });
      otherProgramId = other.programId;
      Object.assign(
        tokens,
        await tokensFor(t, { audrey: { roles: ['auditor'], programs: [programId] } }),
      );

      // A contractual change request raised by Carla, approved by Paula (PMO) on 03-10; Carla
      // then records the customer's signature on it herself on 03-12.
      const project = `/api/projects/${projectId}`;
      await ok(`${project}/baseline`, { ...baseline, effectiveAt: on('01') }, 'carla');
      crId = (
        await ok(
          `${project}/change-requests`,
          {
            title: 'Add the depot sites',
            origin: 'customer',
            categories: ['contract', 'cost'],
            justification: 'The customer opened a new depot',
            effectiveAt: on('02'),
          },
          'carla',
        )
      ).id!;
      const cr = `${project}/change-requests/${crId}`;
      await ok(
        `${cr}/assessment`,
        {
          cost: { impact: 'change', budgetDelta: eur(12_500_000) },
          schedule: none,
          scope: none,
          quality: none,
          effectiveAt: on('03'),
        },
        'carla',
      );
      await ok(
        `${cr}/decision`,
        { outcome: 'approved', reason: 'Customer funds the depot', effectiveAt: on('10') },
        'paula',
      );
      await ok(
        `${cr}/customer-approval`,
        { customerSignatureRef: 'DocuSign 4F2A', effectiveAt: on('12') },
        'carla',
      );

      // A handover Sam initiated, approved by Carla on 03-11.
      handoverId = await handover(projectId, 'approve', '11');
      // In the other program, a handover rejected on 03-11: never shown to Audrey.
      await handover(other.projectId, 'reject', '11');

      // Liquidated damages accrued and then waived by the same PMO on 03-20.
      obligationId = (
        await ok(
          `/api/contracts/${contractId}/obligations`,
          {
            kind: 'milestone',
            title: 'Cluster North-1 on air',
            dueOn: '2025-03-01',
            evidenceRule: 'Customer confirmation of on-air',
            remedy: { kind: 'liquidated-damages', ratePerWeekPct: 0.5, capPct: 10, graceDays: 7 },
          },
          'carla',
        )
      ).id!;
      const ld = `/api/contracts/${contractId}/obligations/${obligationId}/liquidated-damages`;
      await ok(`${ld}/accruals`, { asOf: '2025-03-20' }, 'paula');
      await ok(
        `${ld}/waivers`,
        { amount: eur(400_000), reason: 'Late site access', effectiveAt: on('20') },
        'paula',
      );
    });
    afterAll(async () => {
      await t.close();
      await variant.dispose();
    });

    it('lists every decision of the claimed program in log order, with who, role, authority, when and why', async () => {
      const page = await register('');
      const common = {
        decisionId: expect.any(String),
        programId,
        contractId,
        recordedAt: expect.any(String),
        logPosition: expect.any(Number),
        certificateId: null,
        stage: null,
      };
      expect(page.items).toEqual([
        {
          ...common,
          kind: 'change-request-decision',
          outcome: 'approved',
          subject: { type: 'change-request', id: crId },
          projectId,
          decidedBy: 'paula',
          roles: ['pmo'],
          authority: 'pmo',
          changeRequestId: crId,
          customerSignatureRef: null,
          reason: 'Customer funds the depot',
          effectiveAt: on('10'),
          eventType: 'ChangeRequestDecided',
          segregation: { requestedBy: 'carla', decidedBy: 'paula', distinct: true },
        },
        {
          ...common,
          kind: 'baseline-revision',
          outcome: 'revised',
          subject: { type: 'change-request', id: crId },
          projectId,
          decidedBy: 'paula',
          roles: ['pmo'],
          authority: null,
          changeRequestId: crId,
          customerSignatureRef: null,
          reason: 'baseline version 2',
          effectiveAt: on('10'),
          eventType: 'BaselineRevised',
          segregation: { requestedBy: 'carla', decidedBy: 'paula', distinct: true },
        },
        {
          ...common,
          kind: 'customer-approval',
          outcome: 'signed',
          subject: { type: 'change-request', id: crId },
          projectId,
          decidedBy: 'carla',
          roles: ['project-manager'],
          authority: null,
          changeRequestId: crId,
          customerSignatureRef: 'DocuSign 4F2A',
          reason: null,
          effectiveAt: on('12'),
          eventType: 'CustomerApprovalRecorded',
          segregation: { requestedBy: 'carla', decidedBy: 'carla', distinct: false },
        },
        {
          ...common,
          kind: 'handover-decision',
          outcome: 'approved',
          subject: { type: 'handover', id: handoverId },
          projectId,
          decidedBy: 'carla',
          roles: ['project-manager'],
          authority: 'project-manager',
          changeRequestId: null,
          customerSignatureRef: null,
          reason: 'Taken over',
          effectiveAt: on('11'),
          eventType: 'HandoverApproved',
          segregation: { requestedBy: 'sam', decidedBy: 'carla', distinct: true },
        },
        {
          ...common,
          kind: 'ld-waiver',
          outcome: 'waived',
          subject: { type: 'obligation', id: obligationId },
          projectId: null,
          decidedBy: 'paula',
          roles: ['pmo'],
          authority: 'pmo',
          changeRequestId: null,
          customerSignatureRef: null,
          reason: 'Late site access',
          effectiveAt: on('20'),
          eventType: 'LiquidatedDamagesWaived',
          segregation: { requestedBy: 'paula', decidedBy: 'paula', distinct: false },
        },
      ]);
      expect(page).toMatchObject({ total: 5, segregationExceptions: 2 });
      expect(page.position).toBeGreaterThanOrEqual(lastPosition);
    });

    it('filters by actor, kind, project and business-date period, and pages', async () => {
      expect(kinds(await register('actor=paula'))).toEqual([
        'change-request-decision by paula',
        'baseline-revision by paula',
        'ld-waiver by paula',
      ]);
      expect(kinds(await register('kind=handover-decision'))).toEqual([
        'handover-decision by carla',
      ]);
      // The LD waiver is the contract's, not a project's.
      expect(kinds(await register(`projectId=${projectId}`))).toHaveLength(4);
      expect(kinds(await register('from=2026-03-11&to=2026-03-12'))).toEqual([
        'customer-approval by carla',
        'handover-decision by carla',
      ]);
      const page = await register('limit=2&offset=1');
      expect(kinds(page)).toEqual(['baseline-revision by paula', 'customer-approval by carla']);
      expect(page.total).toBe(5);
    });

    it('lists only the segregation-of-duties exceptions the domain lets through', async () => {
      const page = await register('segregationExceptions=true');
      expect(kinds(page)).toEqual(['customer-approval by carla', 'ld-waiver by paula']);
      expect(page.items.every((item) => item.segregation.distinct === false)).toBe(true);
      expect(page).toMatchObject({ total: 2, segregationExceptions: 2 });
    });

    it('keeps to the claim: another program is 403, and unfiltered lists never show it', async () => {
      expectProblem(
        await http.get(`/api/audit/decisions?programId=${otherProgramId}`, tokens.audrey),
        403,
        'program-not-in-claim',
      );
      const everywhere = await register(`programId=${otherProgramId}`, 'admin');
      expect(everywhere.items).toEqual([
        expect.objectContaining({
          kind: 'handover-decision',
          outcome: 'rejected',
          programId: otherProgramId,
          reason: 'Wrong customer',
          segregation: { requestedBy: 'sam', decidedBy: 'carla', distinct: true },
        }),
      ]);
      expect((await register('', 'admin')).total).toBe(6);
    });

    it('is for auditors, the PMO and admins only; bad filters are 400', async () => {
      expectProblem(await http.get('/api/audit/decisions', tokens.carla), 403, 'role-required');
      expect((await http.get('/api/audit/decisions', tokens.paula)).statusCode).toBe(200);
      for (const query of ['kind=vote', 'from=2026-13-01', 'segregationExceptions=yes', 'limit=0'])
        expect((await http.get(`/api/audit/decisions?${query}`, tokens.audrey)).statusCode).toBe(
          400,
        );
    });
  },
);
