import { createParamDecorator, Inject, type ExecutionContext } from '@nestjs/common';
import type { DomainError } from '@ledger/domain';
import type { Principal } from '../auth/principal';
import { ProgramScope } from './program-scope.service';

/** A project's child addressed under the project's route (a CAPA, a risk, a handover…). */
export interface ScopedChild {
  /** Route parameter that holds the child's id. */
  readonly param: string;
  /** Where the child's stream lives: its aggregate definition. */
  readonly of: { streamId(id: string): string };
  /** The child's own error when it belongs to another project (e.g. `capaErrors.notInProject`). */
  readonly notInProject: (projectId: string) => DomainError;
}

/** Which route parameters hold the caller to the programs claim of their token. */
export interface RouteScope {
  /** A program id: it must be in the caller's claim. */
  readonly program?: string;
  /** A contract id: the contract must exist and its program be in the caller's claim. */
  readonly contract?: string;
  /** A project id: the project must exist and its program be in the caller's claim. */
  readonly project?: string;
  /** A child of that project: it must belong to it (a stream not yet written passes). */
  readonly child?: ScopedChild;
}

/** Where the decorator has Nest inject ProgramScope on the controller, out of its own names. */
const PROGRAM_SCOPE = Symbol('ScopedBy.programScope');

/** The raw request, handed to the wrapper as an extra trailing argument. */
const ScopedRequest = createParamDecorator((_: unknown, context: ExecutionContext): unknown =>
  context.switchToHttp().getRequest(),
);

interface ScopedRequestShape {
  readonly principal?: Principal;
  readonly params?: Readonly<Record<string, string | undefined>>;
}

/**
 * Checks the route's scope (program, contract, project, child) before the handler runs. It wraps the
 * handler rather than being a guard or interceptor on purpose: those run before the pipes, so a
 * bad body or id on another program's resource would answer 403/404 instead of today's 400. The
 * wrapper runs after every pipe, in the order program → contract → project → child that the routes used
 * to spell out one by one.
 */
export function ScopedBy(scope: RouteScope): MethodDecorator {
  return (target, key, descriptor) => {
    const handler: unknown = descriptor.value;
    if (typeof handler !== 'function') throw new Error(`@ScopedBy on ${String(key)}: not a method`);
    const paramTypes: unknown = Reflect.getMetadata('design:paramtypes', target, key);
    const requestIndex = Array.isArray(paramTypes) ? paramTypes.length : handler.length;
    ScopedRequest()(target, key, requestIndex);
    Inject(ProgramScope)(target, PROGRAM_SCOPE);

    async function scoped(this: object, ...args: unknown[]): Promise<unknown> {
      const request = args.splice(requestIndex, 1)[0] as ScopedRequestShape;
      const programScope: unknown = Reflect.get(this, PROGRAM_SCOPE);
      if (!(programScope instanceof ProgramScope)) {
        throw new Error(`@ScopedBy on ${String(key)}: ProgramScope was not injected`);
      }
      await checkScope(programScope, scope, request);
      return (handler as (...handlerArgs: unknown[]) => unknown).apply(this, args);
    }
    // Route, role and documentation metadata set by decorators applied before this one.
    for (const metadataKey of Reflect.getMetadataKeys(handler)) {
      Reflect.defineMetadata(metadataKey, Reflect.getMetadata(metadataKey, handler), scoped);
    }
    Object.defineProperty(scoped, 'name', { value: handler.name });
    (descriptor as PropertyDescriptor).value = scoped;
  };
}

async function checkScope(
  programScope: ProgramScope,
  scope: RouteScope,
  request: ScopedRequestShape,
): Promise<void> {
  const { principal, params = {} } = request;
  if (!principal) throw new Error('@ScopedBy used on a route without the AuthGuard');
  const param = (name: string): string => {
    const value = params[name];
    if (value === undefined) throw new Error(`@ScopedBy names :${name}, not a route parameter`);
    return value;
  };
  if (scope.program !== undefined) programScope.assertProgram(principal, param(scope.program));
  if (scope.contract !== undefined) {
    await programScope.assertContract(principal, param(scope.contract));
  }
  if (scope.project === undefined) return;
  const projectId = param(scope.project);
  await programScope.assertProject(principal, projectId);
  if (scope.child) {
    const { param: childParam, of, notInProject } = scope.child;
    await programScope.assertBelongsToProject(
      of.streamId(param(childParam)),
      projectId,
      notInProject,
    );
  }
}
