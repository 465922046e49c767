import type { ObligationDueInput } from '@ledger/domain';

/**
 * A body's `dueOn` / `measurementWindow` as the domain takes them. Both or neither are passed on
 * as they came: the domain refuses that (`obligation-needs-due-date-or-window`), not the shell.
 */
export function obligationDue(body: {
  readonly dueOn?: string;
  readonly measurementWindow?: { readonly from: string; readonly to: string };
}): ObligationDueInput {
  const window = body.measurementWindow;
  return {
    dueOn: body.dueOn ?? null,
    measurementWindow: window ? { from: window.from, to: window.to } : null,
  } as ObligationDueInput;
}
