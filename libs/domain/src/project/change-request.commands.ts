import type { Command } from '../shared';
import type { CostImpact, QualityImpact, ScheduleImpact, ScopeImpact } from './baseline';
import type {
  ChangeRequestCategory,
  ChangeRequestOrigin,
  ChangeRequestOutcome,
} from './change-request.events';

export type RaiseChangeRequest = Command<
  'RaiseChangeRequest',
  {
    /** Id of the new change request, made by the caller. */
    readonly changeRequestId: string;
    readonly title: string;
    readonly origin: ChangeRequestOrigin;
    readonly categories: readonly ChangeRequestCategory[];
    readonly justification: string;
    /** To revisit a decided change request (a decision is final): the one this supersedes. */
    readonly supersedes?: string;
  }
>;
export type AssessChangeRequestImpact = Command<
  'AssessChangeRequestImpact',
  {
    readonly changeRequestId: string;
    readonly cost: CostImpact;
    readonly schedule: ScheduleImpact;
    readonly scope: ScopeImpact;
    readonly quality: QualityImpact;
    /** Whether the change touches the contract; defaults to "categories include 'contract'". */
    readonly contractual?: boolean;
  }
>;
export type DecideChangeRequest = Command<
  'DecideChangeRequest',
  {
    readonly changeRequestId: string;
    readonly outcome: ChangeRequestOutcome;
    readonly reason: string;
  }
>;
export type RecordCustomerApproval = Command<
  'RecordCustomerApproval',
  { readonly changeRequestId: string; readonly customerSignatureRef: string }
>;
export type ImplementChangeRequest = Command<
  'ImplementChangeRequest',
  { readonly changeRequestId: string }
>;
export type CloseChangeRequest = Command<
  'CloseChangeRequest',
  { readonly changeRequestId: string }
>;
export type WithdrawChangeRequest = Command<
  'WithdrawChangeRequest',
  { readonly changeRequestId: string; readonly reason: string }
>;

export type ChangeRequestCommand =
  | RaiseChangeRequest
  | AssessChangeRequestImpact
  | DecideChangeRequest
  | RecordCustomerApproval
  | ImplementChangeRequest
  | CloseChangeRequest
  | WithdrawChangeRequest;
