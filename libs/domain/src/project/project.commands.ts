import type { Command, Money } from '../shared';
import type { QualityCriterion, ScopeItem } from './baseline';
import type { ChangeRequestCommand } from './change-request.commands';
import type { ExecutionCommand } from './execution.commands';
import type {
  DeliveryApproach,
  RecordedHandoverKind,
  RecordedHandoverOutcome,
  ProcessArea,
  StakeholderLevel,
} from './project.events';

export type CreateProject = Command<
  'CreateProject',
  {
    readonly projectId: string;
    readonly programId: string;
    readonly contractId: string;
    readonly name: string;
    /** Looked up by the caller: the program exists and is not closed. */
    readonly programIsOpen: boolean;
    /** Looked up by the caller: the contract is registered. */
    readonly contractIsRegistered: boolean;
  }
>;
export type SelectDeliveryApproach = Command<
  'SelectDeliveryApproach',
  {
    readonly optionsConsidered: readonly DeliveryApproach[];
    readonly chosen: DeliveryApproach;
    readonly rationale: string;
  }
>;
export type AssignTeamMember = Command<
  'AssignTeamMember',
  { readonly personId: string; readonly role: string; readonly allocationPercent: number }
>;
export type ReleaseTeamMember = Command<
  'ReleaseTeamMember',
  { readonly personId: string; readonly role: string; readonly reason: string }
>;
export type RegisterStakeholder = Command<
  'RegisterStakeholder',
  {
    readonly stakeholderId: string;
    readonly name: string;
    readonly organisation: string;
    readonly role: string;
    readonly influence: StakeholderLevel;
    readonly interest: StakeholderLevel;
  }
>;
export type DefineProcessCustomisation = Command<
  'DefineProcessCustomisation',
  { readonly area: ProcessArea; readonly deviation: string; readonly rationale: string }
>;
export interface MilestoneInput {
  readonly id: string;
  readonly title: string;
  readonly dueOn: string;
  readonly obligationId?: string;
}
export type EstablishBaseline = Command<
  'EstablishBaseline',
  {
    readonly budget: Money;
    readonly scope: readonly ScopeItem[];
    readonly milestones: readonly MilestoneInput[];
    readonly quality: readonly QualityCriterion[];
    /** Looked up by the caller: the obligations of the project's contract (milestone links). */
    readonly contractObligationIds: readonly string[];
  }
>;
/** Sent by the shell right after a handover of this project is approved. */
export type RecordHandoverOutcome = Command<
  'RecordHandoverOutcome',
  {
    readonly handoverId: string;
    readonly kind: RecordedHandoverKind;
    readonly outcome: RecordedHandoverOutcome;
  }
>;
/** Sent by the shell when a final acceptance certificate is issued for this project. */
export type RecordFinalAcceptance = Command<
  'RecordFinalAcceptance',
  { readonly certificateId: string }
>;
export type WaiveFinalAcceptance = Command<'WaiveFinalAcceptance', { readonly reason: string }>;
export type CloseProject = Command<'CloseProject', { readonly reason: string }>;

export type ProjectLifecycleCommand =
  | CreateProject
  | SelectDeliveryApproach
  | AssignTeamMember
  | ReleaseTeamMember
  | RegisterStakeholder
  | DefineProcessCustomisation
  | EstablishBaseline
  | RecordHandoverOutcome
  | RecordFinalAcceptance
  | WaiveFinalAcceptance
  | CloseProject;

export type ProjectCommand = ProjectLifecycleCommand | ChangeRequestCommand | ExecutionCommand;
