import { riskAggregate, riskErrors, type Money } from '@ledger/domain';
import type { RouteScope } from '@ledger/runtime';
import type { MoneyDto } from '../http/money.dto';

/**
 * The risk register of a project (DOMAIN.md: the CPM owns risks). Every route writes, so it is
 * open to the project manager, the PMO and admin; auditors, integrations, sales and care read
 * the register through queries instead.
 */
export const RISK_WRITERS = ['project-manager', 'pmo', 'admin'] as const;

/** Routes on one risk: the project in the caller's claim, the risk in that project. */
export const RISK_ROUTE: RouteScope = {
  project: 'projectId',
  child: { param: 'riskId', of: riskAggregate, notInProject: riskErrors.notInProject },
};

/** A validated MoneyDto as the plain value a command carries. */
export const toMoney = ({ amount, currency }: MoneyDto): Money => ({ amount, currency });
