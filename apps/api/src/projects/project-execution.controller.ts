import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CommandContext } from '@ledger/command-path';
import { projectAggregate, type ProjectCommand } from '@ledger/domain';
import { IdParamPipe, ScopedBy, Roles } from '@ledger/runtime';
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
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
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
  private readonly projectCommands: CommandSender<ProjectCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.projectCommands = this.commands.for(projectAggregate);
  }

  @Post('reporting-periods')
  @HttpCode(201)
  @Roles(...PROJECT_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Open a reporting period' })
  @ScopedBy({ project: 'projectId' })
  async openReportingPeriod(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: OpenReportingPeriodDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { periodId, startsOn, endsOn } = body;
    return this.projectCommands(
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
  @ScopedBy({ project: 'projectId' })
  async closeReportingPeriod(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('periodId', IdParamPipe) periodId: string,
    @Body() body: EffectiveAtDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.projectCommands(
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
  @ScopedBy({ project: 'projectId' })
  async reportProgress(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: ReportProgressDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const reportId = body.reportId ?? newId(`progress-report\n${projectId}`, context);
    const { periodId, items } = body;
    return this.projectCommands(
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
  @ScopedBy({ project: 'projectId' })
  async correctProgress(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('reportId', IdParamPipe) reportId: string,
    @Body() body: CorrectProgressDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { items, reason } = body;
    return this.projectCommands(
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
  @ScopedBy({ project: 'projectId' })
  async recordActualCost(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: RecordActualCostDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { erpDocumentId, amount, postedOn } = body;
    return this.projectCommands(
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
  @ScopedBy({ project: 'projectId' })
  async submitForecast(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: SubmitForecastDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { milestones, estimateToComplete: etc } = body;
    return this.projectCommands(
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
