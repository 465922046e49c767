/**
 * RAG health of a project, as a PMO reads it. One pure rule, evaluated by the project summary
 * read model after every event it folds (so it is deterministic: "today" is the date of the
 * latest event the log recorded for the project, never the wall clock).
 *
 * UNKNOWN  no baseline yet: there is nothing to measure against.
 *
 * RED      when any of:
 *          - SPI below 0.90 (less than 90 % of the planned work done);
 *          - CPI below 0.90 (each unit of cost earns less than 0.90 of value);
 *          - a milestone of the current baseline is past due: its due date is before "today",
 *            delivery is not finished (the project has not reached Delivery→Care or closure)
 *            and reported progress is below 100 %. The baseline carries no "milestone
 *            achieved" fact, so an overdue milestone counts until the work is reported complete.
 *
 * AMBER    otherwise, when any of:
 *          - SPI or CPI below 0.95;
 *          - 3 or more open change requests;
 *          - at least one open high threat (latest assessed score of 15 or more out of 25);
 *          - the latest forecast puts a milestone after its current baseline due date.
 *
 * GREEN    otherwise. An undefined SPI or CPI (null: nothing planned or nothing spent yet) never
 *          makes a project red or amber by itself.
 *
 * Limits: health moves only when the project (or one of its risks) records an event; a
 * milestone that passes its due date in silence turns the project red with its next event.
 */
export type Health = 'red' | 'amber' | 'green' | 'unknown';

export const HEALTHS = ['red', 'amber', 'green', 'unknown'] as const satisfies readonly Health[];

/** Sort key, worst first: red 0, amber 1, green 2, unknown 3. */
export const HEALTH_RANK: Readonly<Record<Health, number>> = {
  red: 0,
  amber: 1,
  green: 2,
  unknown: 3,
};

export const HEALTH_THRESHOLDS = {
  /** SPI or CPI strictly below this is red. */
  redIndex: 0.9,
  /** SPI or CPI strictly below this (and not red) is amber. */
  amberIndex: 0.95,
  /** This many open change requests or more is amber. */
  manyOpenChangeRequests: 3,
  /** An open threat whose latest score is at least this is a high threat (amber). */
  highThreatScore: 15,
} as const;

export interface HealthInputs {
  readonly baselined: boolean;
  /** Delivery→Care approved or project closed: milestones can no longer fall due. */
  readonly deliveryFinished: boolean;
  readonly spi: number | null;
  readonly cpi: number | null;
  /** "Today" for the rule (YYYY-MM-DD), from the log; null never makes a milestone due. */
  readonly asOf: string | null;
  /** Milestones of the current baseline. */
  readonly milestones: readonly { readonly id: string; readonly dueOn: string }[];
  /** The latest forecast's milestone dates. */
  readonly forecasts: readonly { readonly milestoneId: string; readonly forecastOn: string }[];
  /** Every scope item of the current baseline is reported 100 % complete. */
  readonly progressComplete: boolean;
  readonly openChangeRequests: number;
  readonly openHighThreats: number;
}

export interface HealthAssessment {
  readonly health: Health;
  /** Why, red reasons first (stable codes, e.g. `spi-below-0.9`, `milestone-past-due:m1`). */
  readonly reasons: readonly string[];
}

function indexReasons(name: 'spi' | 'cpi', value: number | null, red: string[], amber: string[]) {
  if (value === null) return;
  if (value < HEALTH_THRESHOLDS.redIndex) red.push(`${name}-below-${HEALTH_THRESHOLDS.redIndex}`);
  else if (value < HEALTH_THRESHOLDS.amberIndex)
    amber.push(`${name}-below-${HEALTH_THRESHOLDS.amberIndex}`);
}

/** The health and its reasons under the rule above. */
export function assessHealth(inputs: HealthInputs): HealthAssessment {
  if (!inputs.baselined) return { health: 'unknown', reasons: [] };
  const red: string[] = [];
  const amber: string[] = [];
  indexReasons('spi', inputs.spi, red, amber);
  indexReasons('cpi', inputs.cpi, red, amber);

  const { asOf } = inputs;
  if (asOf !== null && !inputs.deliveryFinished && !inputs.progressComplete) {
    for (const milestone of inputs.milestones) {
      if (milestone.dueOn < asOf) red.push(`milestone-past-due:${milestone.id}`);
    }
  }
  if (inputs.openChangeRequests >= HEALTH_THRESHOLDS.manyOpenChangeRequests) {
    amber.push(`open-change-requests:${inputs.openChangeRequests}`);
  }
  if (inputs.openHighThreats > 0) amber.push(`open-high-threats:${inputs.openHighThreats}`);
  const dueOn = new Map(inputs.milestones.map((milestone) => [milestone.id, milestone.dueOn]));
  for (const { milestoneId, forecastOn } of inputs.forecasts) {
    const due = dueOn.get(milestoneId);
    if (due !== undefined && forecastOn > due) amber.push(`milestone-forecast-late:${milestoneId}`);
  }

  const health: Health = red.length > 0 ? 'red' : amber.length > 0 ? 'amber' : 'green';
  return { health, reasons: [...red, ...amber] };
}
