import { assertNever, type CapaEvent } from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';

export const CAPA_LOG = 'capa_log';

/**
 * Where a corrective action stands, by what it waits for: containment, then the root cause,
 * then its actions (all completed), then an effectiveness check that passes, then the close.
 * An ineffective check sends it back to `actions` (a new action is needed before re-checking).
 */
export const CAPA_STAGES = [
  'containment',
  'root-cause',
  'actions',
  'effectiveness-check',
  'closed',
] as const;
export type CapaStage = (typeof CAPA_STAGES)[number];

export interface CapaLogAction {
  readonly actionId: string;
  readonly description: string;
  readonly ownerId: string;
  readonly dueOn: string;
  readonly completedAt: string | null;
}

export interface CapaLogCheck {
  readonly checkNumber: number;
  readonly effective: boolean;
  readonly results: readonly {
    readonly criterionId: string;
    readonly met: boolean;
    readonly observation: string | null;
  }[];
  readonly checkedBy: string;
  readonly checkedAt: string;
}

/** One document per corrective action (`_id` = capaId) in `capa_log`. Times are business times. */
export interface CapaLogEntry extends ReadDocument {
  readonly capaId: string;
  readonly projectId: string;
  /** complaint | incident | audit | lesson, and that thing's id. */
  readonly source: string;
  readonly sourceRef: string;
  readonly problemStatement: string;
  readonly openedBy: string;
  readonly openedAt: string;
  readonly stage: CapaStage;
  readonly containment: { readonly actionTaken: string; readonly recordedAt: string } | null;
  /** The current analysis; `revisions` counts the analyses after the first. */
  readonly rootCause: {
    readonly method: string;
    readonly statement: string;
    readonly recordedAt: string;
    readonly revisions: number;
  } | null;
  readonly actions: readonly CapaLogAction[];
  /** Actions added since the last effectiveness check (or since the root cause). */
  readonly actionsSinceLastCheck: number;
  /** The criteria the checks are judged against (set before the first check); null until set. */
  readonly criteria:
    readonly { readonly criterionId: string; readonly description: string }[] | null;
  readonly checks: readonly CapaLogCheck[];
  /** The last check's verdict; null before any check. */
  readonly effective: boolean | null;
  readonly closedAt: string | null;
  readonly closeNote: string | null;
  readonly lastEventAt: string;
}

/** The stage a CAPA document is at, from what it holds. */
export function capaStageOf(entry: Omit<CapaLogEntry, 'stage'>): CapaStage {
  if (entry.closedAt !== null) return 'closed';
  if (entry.containment === null) return 'containment';
  if (entry.rootCause === null) return 'root-cause';
  if (entry.effective === true) return 'effectiveness-check';
  const allDone =
    entry.actions.length > 0 && entry.actions.every((action) => action.completedAt !== null);
  const checkable = entry.checks.length === 0 || entry.actionsSinceLastCheck > 0;
  return allDone && checkable ? 'effectiveness-check' : 'actions';
}

const staged = (entry: CapaLogEntry): CapaLogEntry => ({ ...entry, stage: capaStageOf(entry) });

/** CAPA log (issue 4, DOMAIN.md read model 6): one document per corrective action. */
export const capaLogProjection: Projection<CapaLogEntry> = defineProjection<
  CapaEvent,
  CapaLogEntry
>({
  name: 'capa-log',
  collection: CAPA_LOG,
  handles: {
    CorrectiveActionOpened: true,
    ContainmentRecorded: true,
    RootCauseRecorded: true,
    CorrectiveActionAdded: true,
    CorrectiveActionCompleted: true,
    EffectivenessCriteriaDefined: true,
    EffectivenessCheckRecorded: true,
    CorrectiveActionClosed: true,
  },
  indexes: [['projectId']],

  documentId(event: ProjectedEvent<CapaEvent>): string | null {
    return event.data.capaId || null;
  },

  apply(document: CapaLogEntry | null, event: ProjectedEvent<CapaEvent>): CapaLogEntry | null {
    // P5: an event at or below the document's position was folded in already.
    if (document && event.position <= document.position) return document;
    const { type, data } = event;
    const at = event.metadata.effectiveAt;
    if (type === 'CorrectiveActionOpened') {
      if (document) return document;
      const capaId = data.capaId;
      return {
        _id: capaId,
        position: event.position,
        capaId,
        projectId: data.projectId,
        source: data.source,
        sourceRef: data.sourceRef,
        problemStatement: data.problemStatement,
        openedBy: data.openedBy,
        openedAt: at,
        stage: 'containment',
        containment: null,
        rootCause: null,
        actions: [],
        actionsSinceLastCheck: 0,
        criteria: null,
        checks: [],
        effective: null,
        closedAt: null,
        closeNote: null,
        lastEventAt: at,
      };
    }
    // No other event creates the document (P5: it may be replayed onto null).
    if (!document) return null;
    const touched: CapaLogEntry = { ...document, lastEventAt: at };
    switch (type) {
      case 'ContainmentRecorded':
        return staged({
          ...touched,
          containment: { actionTaken: data.actionTaken, recordedAt: at },
        });
      case 'RootCauseRecorded':
        return staged({
          ...touched,
          rootCause: {
            method: data.method,
            statement: data.statement,
            recordedAt: at,
            revisions: touched.rootCause === null ? 0 : touched.rootCause.revisions + 1,
          },
        });
      case 'CorrectiveActionAdded': {
        const actionId = data.actionId;
        if (touched.actions.some((action) => action.actionId === actionId)) return document;
        return staged({
          ...touched,
          actions: [
            ...touched.actions,
            {
              actionId,
              description: data.description,
              ownerId: data.ownerId,
              dueOn: data.dueOn,
              completedAt: null,
            },
          ],
          actionsSinceLastCheck: touched.actionsSinceLastCheck + 1,
        });
      }
      case 'CorrectiveActionCompleted':
        return staged({
          ...touched,
          actions: touched.actions.map((action) =>
            action.actionId === data.actionId && action.completedAt === null
              ? { ...action, completedAt: at }
              : action,
          ),
        });
      case 'EffectivenessCriteriaDefined': {
        // A stored event always carries its criteria; the fallback keeps a fold total.
        const criteria = data.criteria ?? [];
        return staged({
          ...touched,
          criteria: criteria.map(({ criterionId, description }) => ({ criterionId, description })),
        });
      }
      case 'EffectivenessCheckRecorded': {
        const effective = data.effective === true;
        const results = data.results ?? [];
        return staged({
          ...touched,
          checks: [
            ...touched.checks,
            {
              checkNumber: Number(data.checkNumber ?? touched.checks.length + 1),
              effective,
              results: results.map(({ criterionId, met, observation }) => ({
                criterionId,
                met: met === true,
                observation: observation ?? null,
              })),
              checkedBy: data.checkedBy,
              checkedAt: at,
            },
          ],
          effective,
          actionsSinceLastCheck: 0,
        });
      }
      case 'CorrectiveActionClosed':
        return staged({
          ...touched,
          closedAt: at,
          closeNote: typeof data.note === 'string' ? data.note : null,
        });
      default:
        return assertNever(type);
    }
  },
});
