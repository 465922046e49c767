import { Controller, Get, Inject, Param, Query, Res, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  JsonTextAnswer,
  ReadContext,
  ReadQueryFields,
  ReadQueryInput,
  ReadRoute,
} from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  READ_POSITION_HEADER,
  ReadPositions,
  RequestValidationError,
  Roles,
} from '@ledger/runtime';
import { type ReadQueryDto, readQueryDtoOf } from './read-query.dto';

/** The default `asOf` of query-time figures: today, UTC (`YYYY-MM-DD`). */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/**
 * The Nest controller of one declared read route (libs/projections, each read model's
 * `*.read-routes.ts`): it only translates HTTP. Path ids pass IdParamPipe, the query its DTO
 * (read-query.dto.ts), then the declaration's cross-field rules (400), its program scope (403),
 * and its answer, which waits for and states the read position (X-Read-Position).
 *
 * The class and handler are named from the declared operation id (`<Controller>_<handler>`,
 * the names the hand-written controllers had), because Nest's OpenAPI module makes the
 * operation id from them; the decorators are applied as TypeScript applies written ones.
 */
export function readRouteController(route: ReadRoute): Type<unknown> {
  const [controllerName, handlerName] = route.operationId.split('_') as [string, string];
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => name as string);
  const QueryDto = readQueryDtoOf(route);

  class ReadRouteController {
    constructor(
      @Inject(READ_STORE) readonly store: ReadStore,
      readonly positions: ReadPositions,
      readonly scope: ProgramScope,
    ) {}

    async answer(
      ids: readonly string[],
      query: ReadQueryDto,
      principal: Principal,
      reply: FastifyReply,
    ): Promise<unknown> {
      // The DTO validated each declared field against its kind: the declaration's input type.
      const fields = query as ReadQueryDto & ReadQueryInput<ReadQueryFields>;
      const problems = route.queryProblems?.(fields) ?? [];
      if (problems.length > 0) throw new RequestValidationError(problems);
      const params = Object.fromEntries(pathParams.map((name, index) => [name, ids[index]]));
      if (route.programScope !== undefined) {
        const programId = params[route.programScope] ?? fields[route.programScope];
        if (typeof programId === 'string') this.scope.assertProgram(principal, programId);
      }
      let today: string | undefined;
      const reads: ReadContext = {
        store: this.store,
        served: (readModel) => this.positions.serve(readModel, query, reply),
        state: (position) => void reply.header(READ_POSITION_HEADER, String(position)),
        assertProgram: (programId) => this.scope.assertProgram(principal, programId),
        // Read only by the routes with query-time figures, once per request (the same day for
        // every figure): a Date and its ISO text per request were 0.4 % of the list's CPU
        // profile (query-project-list), which never reads it.
        get today() {
          return (today ??= todayUtc());
        },
      };
      const answer = await route.answer(
        { params, query: fields, programs: principal.programs },
        reads,
      );
      if (!isJsonText(answer)) return answer;
      void reply.type('application/json; charset=utf-8');
      return answer.jsonText;
    }
  }
  Object.defineProperty(ReadRouteController, 'name', { value: controllerName });

  // The handler Nest routes to: the path ids, the query, the caller, the reply, in that order.
  // Its function name is the handler's too: Nest's OpenAPI module reads the name from it.
  function handle(this: ReadRouteController, ...args: unknown[]): Promise<unknown> {
    const ids = args.slice(0, pathParams.length) as string[];
    const [query, principal, reply] = args.slice(pathParams.length) as [
      ReadQueryDto,
      Principal,
      FastifyReply,
    ];
    return this.answer(ids, query, principal, reply);
  }
  Object.defineProperty(handle, 'name', { value: handlerName });
  const handler = {
    value: handle,
    writable: true,
    configurable: true,
    enumerable: false,
  };
  Object.defineProperty(ReadRouteController.prototype, handlerName, handler);
  const queryIndex = pathParams.length;
  const decorated = Reflect.decorate(
    [
      Get(),
      Roles(...route.roles),
      ApiOkResponse({
        description: route.description,
        ...(route.example !== undefined ? { example: route.example } : {}),
      }),
      ApiOperation({ summary: route.summary }),
      ...pathParams.map((name, index) => parameter(index, Param(name, IdParamPipe))),
      parameter(queryIndex, Query()),
      parameter(queryIndex + 1, CurrentPrincipal()),
      parameter(queryIndex + 2, Res({ passthrough: true })),
      Reflect.metadata('design:type', Function),
      Reflect.metadata('design:paramtypes', [
        ...pathParams.map(() => String),
        QueryDto,
        Object,
        Object,
      ]),
      Reflect.metadata('design:returntype', Promise),
    ],
    ReadRouteController.prototype,
    handlerName,
    handler,
  );
  Object.defineProperty(ReadRouteController.prototype, handlerName, decorated);
  return Reflect.decorate(
    [ApiTags(route.tag), ApiBearerAuth(), Controller(route.path)],
    ReadRouteController,
  ) as Type<unknown>;
}

/** A parameter decorator in a method's decorator list, as TypeScript's `__param` makes it. */
function parameter(index: number, decorator: ParameterDecorator): MethodDecorator {
  return (target, key) => decorator(target, key, index);
}

function isJsonText(answer: unknown): answer is JsonTextAnswer {
  return typeof answer === 'object' && answer !== null && 'jsonText' in answer;
}
