import { assertNever, type ProgramEvent } from '@ledger/domain';
import type { ReadDocument } from '@ledger/read-store';
import type { Projection } from '../../projection';
import { defineProjection, type ProjectedEvent } from '../../typed-projection';

export const PORTFOLIO_PROGRAMS = 'portfolio_programs';

/**
 * One document per program (`_id` = programId): what the portfolio needs to know about the
 * program itself. It exists so that a program with no project yet still has a portfolio (and an
 * unknown program is 404): the portfolio's figures come from `project_summaries`.
 */
export interface PortfolioProgram extends ReadDocument {
  readonly programId: string;
  readonly name: string;
  readonly customer: { readonly id: string; readonly name: string };
  readonly managerId: string | null;
  readonly status: ProgramStatus;
  readonly createdAt: string;
  readonly closedAt: string | null;
}

/**
 * A program's status, named as the domain names it (ProgramState): `active` until ProgramClosed.
 * Projects use the same two words (ProjectSummaryStatus).
 */
export type ProgramStatus = 'active' | 'closed';

/** The program facts the portfolio lists (attachments are the project summaries' business). */
type PortfolioProgramEvent = Extract<
  ProgramEvent,
  { type: 'ProgramCreated' | 'ProgramManagerAssigned' | 'ProgramClosed' }
>;

/** The programs of the portfolio view (issue 4, DOMAIN.md read model 6). */
export const portfolioProgramProjection: Projection<PortfolioProgram> = defineProjection<
  PortfolioProgramEvent,
  PortfolioProgram
>({
  name: 'portfolio-programs',
  collection: PORTFOLIO_PROGRAMS,
  handles: { ProgramCreated: true, ProgramManagerAssigned: true, ProgramClosed: true },

  documentId(event: ProjectedEvent<PortfolioProgramEvent>): string | null {
    return event.data.programId || null;
  },

  apply(
    document: PortfolioProgram | null,
    event: ProjectedEvent<PortfolioProgramEvent>,
  ): PortfolioProgram | null {
    const { type, data } = event;
    if (type === 'ProgramCreated') {
      if (document) return document;
      const programId = data.programId;
      const { customer } = data;
      return {
        _id: programId,
        position: event.position,
        programId,
        name: data.name,
        customer: { id: customer.id, name: customer.name },
        // Current shape (v2, upcast on read): a string, or null when none was named.
        managerId: data.managerId,
        status: 'active',
        createdAt: event.recordedAt,
        closedAt: null,
      };
    }
    if (!document) return null;
    if (event.position <= document.position) return document;
    switch (type) {
      case 'ProgramManagerAssigned':
        return { ...document, managerId: data.managerId };
      case 'ProgramClosed':
        return { ...document, status: 'closed', closedAt: document.closedAt ?? event.recordedAt };
      default:
        return assertNever(type);
    }
  },
});
