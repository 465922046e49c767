import { DomainError } from '../shared';

export const programErrors = {
  alreadyExists: (programId: string) =>
    new DomainError('program-already-exists', `program ${programId} already exists`, 'conflict'),
  notFound: () => new DomainError('program-not-found', 'no such program', 'not-found'),
  /** The program addressed by a route does not exist (named, as a route names it). */
  notFoundById: (programId: string) =>
    new DomainError('program-not-found', `no program ${programId}`, 'not-found'),
  closed: (programId: string) =>
    new DomainError('program-closed', `program ${programId} is closed and takes no more changes`),
  projectAlreadyAttached: (projectId: string) =>
    new DomainError('project-already-attached', `project ${projectId} is already in this program`),
  projectInAnotherProgram: (projectId: string, otherProgramId: string) =>
    new DomainError(
      'project-in-another-program',
      `project ${projectId} already belongs to program ${otherProgramId}; a project belongs to at most one program`,
    ),
  projectNotAttached: (projectId: string) =>
    new DomainError('project-not-attached', `project ${projectId} is not in this program`),
  hasOpenProjects: (openProjectIds: readonly string[]) =>
    new DomainError(
      'program-has-open-projects',
      `a program cannot close while a project is open (${openProjectIds.join(', ')})`,
      'rule-violated',
      { openProjectIds },
    ),
};
