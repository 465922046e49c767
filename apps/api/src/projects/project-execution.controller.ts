import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CommandContext } from '@ledger/command-path';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  Roles,
} from '@ledger/runtime';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { newId } from '../http/new-id';
import {
  CorrectProgressDto,
  OpenReportingPeriodDto,
  RecordActualCostDto,
  ReportProgressDto,
  SubmitForecastDto,
  type ScopeItemProgressDto,
} from './execution-commands.dto';
import { ProjectCommands } from './project-commands.service';
import { EXECUTION_FEEDERS, PROJECT_WRITERS } from './project-roles';

const progressItems = (items: readonly ScopeItemProgressDto[]) =>
  items.map(({ scopeItemId, percentComplete }) => ({ scopeItemId, percentComplete }));

/**
 * Execution: reporting periods, progress (and its corrections), actual cost, forecasts.
 * Progress and actual cost are refused by the domain until the Sell→Execute handover is
 * recorded (`execution-not-authorised`).
 */
@ApiTags('project-execution')
@ApiBearerAuth()
@Controller('api/projects/:projectId')
export class ProjectExecutionController {
  constructor(
    private readonly projects: ProjectCommands,
    private readonly scope: ProgramScope,
  ) {}

  @Post('reporting-periods')
  @HttpCode(201)
  @Roles(...PROJECT_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Open a reporting period' })
  async openReportingPeriod(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: OpenReportingPeriodDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const { periodId, startsOn, endsOn } = body;
    return this.projects.send(
      projectId,
      (meta) => ({ type: 'OpenReportingPeriod', data: { periodId, startsOn, endsOn }, meta }),
      context,
      { id: periodId, effectiveAt: body.effectiveAt },
    );
  }

  /** The body is optional (it may only carry effectiveAt). */
  @Post('reporting-periods/:periodId/close')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a reporting period (freezes what was reported)' })
  async closeReportingPeriod(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('periodId', IdParamPipe) periodId: string,
    @Body() body: EffectiveAtDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    return this.projects.send(
      projectId,
      (meta) => ({ type: 'CloseReportingPeriod', data: { periodId }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post('progress')
  @HttpCode(201)
  @Roles(...EXECUTION_FEEDERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Report progress per scope item' })
  async reportProgress(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: ReportProgressDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const reportId = body.reportId ?? newId(`progress-report\n${projectId}`, context);
    const { periodId, items } = body;
    return this.projects.send(
      projectId,
      (meta) => ({
        type: 'ReportProgress',
        data: { reportId, periodId, items: progressItems(items) },
        meta,
      }),
      context,
      { id: reportId, effectiveAt: body.effectiveAt },
    );
  }

  @Post('progress/:reportId/correction')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Correct a progress report, with the reason' })
  async correctProgress(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('reportId', IdParamPipe) reportId: string,
    @Body() body: CorrectProgressDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const { items, reason } = body;
    return this.projects.send(
      projectId,
      (meta) => ({
        type: 'CorrectProgress',
        data: { reportId, items: progressItems(items), reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post('actual-costs')
  @HttpCode(201)
  @Roles(...EXECUTION_FEEDERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({
    summary: 'Record an actual cost posted in the ERP (idempotent on the ERP document id)',
  })
  async recordActualCost(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: RecordActualCostDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const { erpDocumentId, amount, postedOn } = body;
    return this.projects.send(
      projectId,
      (meta) => ({
        type: 'RecordActualCost',
        data: {
          erpDocumentId,
          amount: { amount: amount.amount, currency: amount.currency },
          postedOn,
        },
        meta,
      }),
      context,
      { id: erpDocumentId, effectiveAt: body.effectiveAt },
    );
  }

  @Post('forecasts')
  @HttpCode(201)
  @Roles(...PROJECT_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Submit a cost and schedule forecast' })
  async submitForecast(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: SubmitForecastDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const { milestones, estimateToComplete: etc } = body;
    return this.projects.send(
      projectId,
      (meta) => ({
        type: 'SubmitForecast',
        data: {
          milestones: milestones.map(({ milestoneId, forecastOn }) => ({
            milestoneId,
            forecastOn,
          })),
          ...(etc === undefined
            ? {}
            : { estimateToComplete: { amount: etc.amount, currency: etc.currency } }),
        },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
