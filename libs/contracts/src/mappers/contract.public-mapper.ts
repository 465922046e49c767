import { assertNever, type ContractEvent, type MeasurementWindow } from '@ledger/domain';
import type { JsonObject } from '@ledger/event-store';
import type { PublicFact } from '../public-fact';
import { publicMoney } from './public-values';

function windowOf(window: MeasurementWindow | null): JsonObject | null {
  return window === null ? null : { from: window.from, to: window.to };
}

/** Contract events → public facts. Key-project designation and the LD cap marker stay internal. */
export function mapContractEvent(event: ContractEvent): PublicFact | null {
  const contractId = event.data.contractId;
  const owner = { kind: 'contract', id: contractId } as const;
  const subject = `contracts/${contractId}`;
  switch (event.type) {
    case 'ContractRegistered': {
      const { programId, customerId, title, value, signedOn } = event.data;
      return {
        type: 'com.delivery-ledger.contract.signed.v1',
        subject,
        owner,
        data: { contractId, programId, customerId, title, value: publicMoney(value), signedOn },
      };
    }
    case 'ContractAmended': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.contract.amended.v1',
        subject,
        owner,
        data: {
          contractId,
          amendmentId: d.amendmentId,
          projectId: d.projectId,
          changeRequestId: d.changeRequestId,
          summary: d.summary,
          customerSignatureRef: d.customerSignatureRef,
          value:
            d.value === null
              ? null
              : { previous: publicMoney(d.value.previous), amended: publicMoney(d.value.amended) },
          obligationDueChanges: d.obligationDueChanges.map((change) => ({
            obligationId: change.obligationId,
            dueOn: change.dueOn,
            measurementWindow: windowOf(change.measurementWindow),
            previousDueOn: change.previous.dueOn,
            previousMeasurementWindow: windowOf(change.previous.measurementWindow),
          })),
        },
      };
    }
    case 'ObligationRegistered': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.contract.obligation-registered.v1',
        subject: `${subject}/obligations/${d.obligationId}`,
        owner,
        data: {
          contractId,
          obligationId: d.obligationId,
          kind: d.kind,
          title: d.title,
          dueOn: d.dueOn,
          measurementWindow: windowOf(d.measurementWindow),
          remedy:
            d.remedy === null
              ? null
              : {
                  kind: d.remedy.kind,
                  ratePerWeekPct: d.remedy.ratePerWeekPct,
                  capPct: d.remedy.capPct,
                  graceDays: d.remedy.graceDays,
                },
        },
      };
    }
    case 'ObligationFulfilled': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.contract.obligation-fulfilled.v1',
        subject: `${subject}/obligations/${d.obligationId}`,
        owner,
        data: {
          contractId,
          obligationId: d.obligationId,
          fulfilledOn: d.fulfilledOn,
          onTime: d.onTime,
          evidence: { kind: d.evidence.kind, ref: d.evidence.ref },
        },
      };
    }
    case 'ObligationMissed': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.contract.obligation-missed.v1',
        subject: `${subject}/obligations/${d.obligationId}`,
        owner,
        data: {
          contractId,
          obligationId: d.obligationId,
          deadline: d.deadline,
          missedAsOf: d.missedAsOf,
          reason: d.reason,
        },
      };
    }
    case 'LiquidatedDamagesAccrued': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.contract.liquidated-damages-accrued.v1',
        subject: `${subject}/obligations/${d.obligationId}`,
        owner,
        data: {
          contractId,
          obligationId: d.obligationId,
          asOf: d.asOf,
          countedUntil: d.countedUntil,
          daysLate: d.daysLate,
          amount: publicMoney(d.amount),
          accruedTotal: publicMoney(d.accruedTotal),
          cap: publicMoney(d.cap),
        },
      };
    }
    case 'LiquidatedDamagesWaived': {
      const d = event.data;
      return {
        type: 'com.delivery-ledger.contract.liquidated-damages-waived.v1',
        subject: `${subject}/obligations/${d.obligationId}`,
        owner,
        data: {
          contractId,
          obligationId: d.obligationId,
          amount: publicMoney(d.amount),
          waivedTotal: publicMoney(d.waivedTotal),
          reason: d.reason,
        },
      };
    }
    case 'ContractDesignatedKeyProject':
    case 'LiquidatedDamagesCapReached':
      return null;
    default:
      return assertNever(event);
  }
}
