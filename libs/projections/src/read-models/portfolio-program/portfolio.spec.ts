import type { EarnedValueSummary } from '../project-summary/earned-value';
import { programPortfolio, type PortfolioProject } from './portfolio';

const money = (amount: number, currency = 'EUR') => ({ amount, currency });
const program = { programId: 'prog-1', name: 'Fibre North', status: 'active' as const };

const baseline = (amount: number, currency = 'EUR') => ({
  version: 1,
  budget: money(amount, currency),
  scopeCount: 1,
  milestones: [],
});

function evm(
  pv: number | null,
  ev: number,
  ac: number,
  spi: number | null,
  cpi: number | null,
  currency = 'EUR',
): EarnedValueSummary {
  return {
    statusDate: '2026-01-31',
    bac: money(0, currency),
    pv: pv === null ? null : money(pv, currency),
    ev: money(ev, currency),
    ac: money(ac, currency),
    sv: null,
    cv: null,
    spi,
    cpi,
    eac: null,
    eacAtBudgetRate: null,
    etc: null,
    vac: null,
    tcpi: null,
    percentComplete: null,
    actualCostRecorded: money(ac, currency),
  };
}

function project(id: string, change: Partial<PortfolioProject> = {}): PortfolioProject {
  return {
    projectId: id,
    name: `Project ${id}`,
    status: 'active',
    phase: 'execution',
    health: 'green',
    healthReasons: [],
    originalBaseline: baseline(100_000_000),
    currentBaseline: baseline(100_000_000),
    earnedValue: null,
    openChangeRequests: 0,
    openRisks: 0,
    openHighThreats: 0,
    ...change,
  };
}

describe('programPortfolio', () => {
  it('an empty program: zero counts, no totals, null indices', () => {
    expect(programPortfolio(program, [])).toEqual({
      ...program,
      projects: 0,
      byHealth: { red: 0, amber: 0, green: 0, unknown: 0 },
      byPhase: { 'set-up': 0, baselined: 0, execution: 0, closing: 0, closed: 0 },
      byStatus: { active: 0, closed: 0 },
      totals: [],
      openChangeRequests: 0,
      openRisks: 0,
      openHighThreats: 0,
      worstProjects: [],
    });
  });

  it('rolls up counts, money per currency and program SPI/CPI from sums', () => {
    const portfolio = programPortfolio(program, [
      project('a', {
        health: 'red',
        healthReasons: ['spi-below-0.9'],
        earnedValue: evm(50_000_000, 40_000_000, 50_000_000, 0.8, 0.8),
        openChangeRequests: 1,
        openRisks: 2,
        openHighThreats: 1,
      }),
      project('b', {
        currentBaseline: { ...baseline(120_000_000), version: 2 },
        earnedValue: evm(25_000_000, 25_000_000, 20_000_000, 1, 1.25),
        openRisks: 1,
      }),
      // Measured but no milestone: its EV counts for CPI, not for SPI.
      project('c', { health: 'amber', earnedValue: evm(null, 10_000_000, 10_000_000, null, 1) }),
      project('d', {
        phase: 'set-up',
        health: 'unknown',
        originalBaseline: null,
        currentBaseline: null,
      }),
      project('e', {
        originalBaseline: baseline(5_000_00, 'USD'),
        currentBaseline: baseline(5_000_00, 'USD'),
        earnedValue: evm(1_000_00, 1_000_00, 0, 1, null, 'USD'),
      }),
      // Closed: in phase/status counts and money, not in health or the worst list.
      project('f', {
        status: 'closed',
        phase: 'closed',
        health: 'red',
        earnedValue: evm(100_000_000, 100_000_000, 100_000_000, 1, 1),
      }),
    ]);
    expect(portfolio).toMatchObject({
      projects: 6,
      byHealth: { red: 1, amber: 1, green: 2, unknown: 1 },
      byPhase: { 'set-up': 1, baselined: 0, execution: 4, closing: 0, closed: 1 },
      byStatus: { active: 5, closed: 1 },
      openChangeRequests: 1,
      openRisks: 3,
      openHighThreats: 1,
    });
    expect(portfolio.totals).toEqual([
      {
        currency: 'EUR',
        projects: 4,
        measuredProjects: 4,
        bacOriginal: money(400_000_000),
        bacCurrent: money(420_000_000),
        pv: money(175_000_000),
        ev: money(175_000_000),
        ac: money(180_000_000),
        spi: 165_000_000 / 175_000_000,
        cpi: 175_000_000 / 180_000_000,
      },
      {
        currency: 'USD',
        projects: 1,
        measuredProjects: 1,
        bacOriginal: money(5_000_00, 'USD'),
        bacCurrent: money(5_000_00, 'USD'),
        pv: money(1_000_00, 'USD'),
        ev: money(1_000_00, 'USD'),
        ac: money(0, 'USD'),
        spi: 1,
        cpi: null,
      },
    ]);
    expect(portfolio.worstProjects.map((row) => row.projectId)).toEqual(['a', 'c', 'b', 'e', 'd']);
    expect(portfolio.worstProjects[0]).toEqual({
      projectId: 'a',
      name: 'Project a',
      phase: 'execution',
      health: 'red',
      healthReasons: ['spi-below-0.9'],
      spi: 0.8,
      cpi: 0.8,
    });
  });

  it('among equal health, the lower of SPI and CPI first, undefined last, then name; limit', () => {
    const portfolio = programPortfolio(
      program,
      [
        project('x', { name: 'Zulu', earnedValue: evm(1, 1, 1, 1.1, 0.96) }),
        project('y', { name: 'Alpha' }),
        project('z', { name: 'Mike', earnedValue: evm(1, 1, 1, 0.97, 1) }),
        project('w', { name: 'Bravo', earnedValue: evm(1, 1, 1, 0.97, 1) }),
      ],
      3,
    );
    expect(portfolio.worstProjects.map((row) => row.name)).toEqual(['Zulu', 'Bravo', 'Mike']);
  });

  it('money totals with nothing planned or spent have null program ratios', () => {
    const portfolio = programPortfolio(program, [
      project('a', { earnedValue: evm(0, 0, 0, null, null) }),
    ]);
    expect(portfolio.totals[0]).toMatchObject({ pv: money(0), ac: money(0), spi: null, cpi: null });
  });
});
