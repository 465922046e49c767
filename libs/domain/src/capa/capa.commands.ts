import type { Command } from '../shared';
import type {
  CapaSource,
  EffectivenessCriterion,
  EffectivenessResult,
  RootCauseMethod,
} from './capa.events';

export type OpenCorrectiveAction = Command<
  'OpenCorrectiveAction',
  {
    readonly capaId: string;
    readonly projectId: string;
    readonly source: CapaSource;
    readonly sourceRef: string;
    readonly problemStatement: string;
  }
>;
export type RecordContainment = Command<'RecordContainment', { readonly actionTaken: string }>;
export type RecordRootCause = Command<
  'RecordRootCause',
  { readonly method: RootCauseMethod; readonly statement: string }
>;
export type AddCorrectiveAction = Command<
  'AddCorrectiveAction',
  {
    readonly actionId: string;
    readonly description: string;
    readonly ownerId: string;
    readonly dueOn: string;
  }
>;
export type CompleteCorrectiveAction = Command<
  'CompleteCorrectiveAction',
  { readonly actionId: string; readonly evidence: string | null }
>;
export type DefineEffectivenessCriteria = Command<
  'DefineEffectivenessCriteria',
  { readonly criteria: readonly EffectivenessCriterion[] }
>;
export type RecordEffectivenessCheck = Command<
  'RecordEffectivenessCheck',
  { readonly results: readonly EffectivenessResult[] }
>;
export type CloseCorrectiveAction = Command<
  'CloseCorrectiveAction',
  { readonly note: string | null }
>;

export type CapaCommand =
  | OpenCorrectiveAction
  | RecordContainment
  | RecordRootCause
  | AddCorrectiveAction
  | CompleteCorrectiveAction
  | DefineEffectivenessCriteria
  | RecordEffectivenessCheck
  | CloseCorrectiveAction;
