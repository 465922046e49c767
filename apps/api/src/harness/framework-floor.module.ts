import { readFileSync } from 'node:fs';
import { Body, Controller, Get, HttpCode, Module, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CommandContext } from '@ledger/command-path';
import {
  READ_ROUTES,
  type ReadQueryFields,
  type ReadQueryInput,
  type ReadRoute,
} from '@ledger/projections';
import {
  assertMayCreatePrograms,
  CurrentPrincipal,
  type Principal,
  ProgramScope,
  READ_POSITION_HEADER,
  RequestValidationError,
  Roles,
} from '@ledger/runtime';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import { CreateProgramDto } from '../programs/program-commands.dto';
import { type ReadQueryDto, readQueryDtoOf } from '../read-side/read-query.dto';

/** GET /api/projects, as the read models declare it. */
const projectListRoute: ReadRoute = routeAt('api/projects');

/** The list route's query DTO, built as the read side builds it (a class: Nest validates by it). */
class ProjectListQueryDto extends readQueryDtoOf(projectListRoute) {}

/**
 * The framework floor (issue 12): what a request to a command or to the project list costs in
 * this api's own request pipeline when the work behind it is free. Each route has its real
 * twin's guards (token, roles, rate limit), pipes (the body or query DTO, class-validator),
 * parameter decorators and checks, and then answers without the work: the command floor without
 * deciding, appending or projecting anything, the list floor with a page read once from a file
 * instead of the read store. http-commands and query-project-list load them beside their raw
 * Fastify no-op, so every run shows how much of the gap to that no-op no command or query could
 * close. Mounted only by the benchmarks' server (bench/support/bench-server.ts), never by main.ts.
 */
@ApiExcludeController()
@Controller('bench/floor')
class FrameworkFloorController {
  private listPage: Buffer | undefined;

  constructor(private readonly scope: ProgramScope) {}

  /** POST /api/programs without the command: what CreateProgram pays before it is sent. */
  @Post('programs')
  @HttpCode(201)
  @Roles('project-manager', 'pmo', 'admin')
  createProgram(
    @Body() body: CreateProgramDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): { id: string; streamId: string; revision: number; position: number } {
    assertMayCreatePrograms(principal);
    const programId = newId('program', context);
    // The answer a command gives, of the same shape and size; `name` is read as the real one is.
    return {
      id: programId,
      streamId: `program-${programId}`,
      revision: 0,
      position: body.name.length,
    };
  }

  /**
   * GET /api/projects without the read store: the query DTO, its cross-field rules and the
   * program scope, then a page of the list's own bytes, read once from BENCH_FLOOR_PAGE_FILE
   * (written by the benchmark from a real answer before it loads this route).
   */
  @Get('projects')
  @Roles(...projectListRoute.roles)
  listProjects(
    @Query() query: ProjectListQueryDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Buffer {
    const fields = query as ReadQueryDto & ReadQueryInput<ReadQueryFields>;
    const problems = projectListRoute.queryProblems?.(fields) ?? [];
    if (problems.length > 0) throw new RequestValidationError(problems);
    const programId = fields[projectListRoute.programScope ?? ''];
    if (typeof programId === 'string') this.scope.assertProgram(principal, programId);
    this.listPage ??= readFileSync(pageFile());
    void reply.header(READ_POSITION_HEADER, '0');
    void reply.type('application/json; charset=utf-8');
    return this.listPage;
  }
}

function routeAt(path: string): ReadRoute {
  const route = READ_ROUTES.find((declared) => declared.path === path);
  if (route === undefined) throw new Error(`no read route at ${path}`);
  return route;
}

function pageFile(): string {
  const file = process.env.BENCH_FLOOR_PAGE_FILE;
  if (file === undefined || file === '') throw new Error('BENCH_FLOOR_PAGE_FILE is not set');
  return file;
}

/** The floor routes, for a harness to add to the app (createApp's `harnessModules`). */
@Module({ controllers: [FrameworkFloorController], providers: [ProgramScope] })
export class FrameworkFloorModule {}
