import { calendarDaysBetween, CAPA_SOURCES } from '@ledger/domain';
import { CAPA_STAGES, type CapaLogEntry, type CapaStage } from './capa-log.projection';

export interface CapaFigures {
  /** Actions not completed whose due date is before asOf. */
  readonly overdueActions: number;
  readonly openActions: number;
  /** Calendar days from opening to the close (or, while open, to asOf); never below 0. */
  readonly daysOpen: number;
}

export interface CapaLogSummary {
  readonly total: number;
  readonly open: number;
  /** Every stage, zero included. */
  readonly byStage: Readonly<Record<CapaStage, number>>;
  /** Every source (complaint, incident, audit, lesson), zero included. */
  readonly bySource: Readonly<Record<string, number>>;
  /** By the last effectiveness check: effective, not effective, not checked yet. */
  readonly effective: number;
  readonly notEffective: number;
  readonly notChecked: number;
  readonly overdueActions: number;
}

const dateOf = (timestamp: string): string => timestamp.slice(0, 10);

/** Action and age figures of one corrective action on the calendar date `asOf`. */
export function capaFiguresOf(entry: CapaLogEntry, asOf: string): CapaFigures {
  const open = entry.actions.filter((action) => action.completedAt === null);
  const until = entry.closedAt === null ? asOf : dateOf(entry.closedAt);
  return {
    overdueActions: entry.closedAt === null ? open.filter((a) => a.dueOn < asOf).length : 0,
    openActions: open.length,
    daysOpen: Math.max(0, calendarDaysBetween(dateOf(entry.openedAt), until)),
  };
}

/** Counts over a set of corrective actions on `asOf`. */
export function capaLogSummaryOf(entries: readonly CapaLogEntry[], asOf: string): CapaLogSummary {
  const byStage = Object.fromEntries(CAPA_STAGES.map((stage) => [stage, 0]));
  const bySource = Object.fromEntries(CAPA_SOURCES.map((source) => [source, 0]));
  let effective = 0;
  let notEffective = 0;
  let overdueActions = 0;
  for (const entry of entries) {
    byStage[entry.stage] = (byStage[entry.stage] ?? 0) + 1;
    bySource[entry.source] = (bySource[entry.source] ?? 0) + 1;
    if (entry.effective === true) effective += 1;
    if (entry.effective === false) notEffective += 1;
    overdueActions += capaFiguresOf(entry, asOf).overdueActions;
  }
  return {
    total: entries.length,
    open: entries.length - (byStage['closed'] ?? 0),
    byStage: byStage as Record<CapaStage, number>,
    bySource,
    effective,
    notEffective,
    notChecked: entries.length - effective - notEffective,
    overdueActions,
  };
}
