import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type CommandContext } from '@ledger/command-path';
import { type RiskAssessmentInput, type RiskCommand, riskAggregate } from '@ledger/domain';
import { IdParamPipe, ScopedBy, Roles } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import { AssessRiskDto } from './risk-assessment.dto';
import {
  AssignRiskOwnerDto,
  CloseRiskDto,
  EscalateRiskDto,
  RaiseRiskDto,
  RecordRiskOccurrenceDto,
} from './risk-commands.dto';
import { RISK_ROUTE, RISK_WRITERS, toMoney } from './risk-routes';

/** Only the fields given: the domain reads a missing one as "not given". */
function assessmentOf(body: AssessRiskDto): RiskAssessmentInput {
  const { dimensionImpacts: given } = body;
  const dimensionImpacts =
    given === undefined
      ? undefined
      : {
          ...(given.cost !== undefined ? { cost: given.cost } : {}),
          ...(given.schedule !== undefined ? { schedule: given.schedule } : {}),
          ...(given.scope !== undefined ? { scope: given.scope } : {}),
          ...(given.quality !== undefined ? { quality: given.quality } : {}),
        };
  return {
    probability: body.probability,
    ...(body.impact !== undefined ? { impact: body.impact } : {}),
    ...(dimensionImpacts !== undefined ? { dimensionImpacts } : {}),
    costImpact: toMoney(body.costImpact),
    ...(body.scheduleDays !== undefined ? { scheduleDays: body.scheduleDays } : {}),
    ...(body.nextReviewOn !== undefined ? { nextReviewOn: body.nextReviewOn } : {}),
  };
}

/** Raising a risk and its life as a risk: assessments, owner, escalation, occurrence, closing. */
@ApiTags('risks')
@ApiBearerAuth()
@Controller('api/projects/:projectId/risks')
export class RisksController {
  private readonly riskCommands: CommandSender<RiskCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.riskCommands = this.commands.for(riskAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles(...RISK_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Raise a risk or opportunity (RiskRaised)' })
  @ScopedBy({ project: 'projectId' })
  async raise(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: RaiseRiskDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const riskId = newId('risk', context);
    const { kind, title, cause, event, effect, category } = body;
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'RaiseRisk',
        data: { riskId, projectId, kind, title, cause, event, effect, category },
        meta,
      }),
      context,
      { id: riskId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':riskId/assessment')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Assess a risk (probability × impact; score and EMV computed)' })
  @ScopedBy(RISK_ROUTE)
  assess(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: AssessRiskDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'AssessRisk',
        data: assessmentOf(body),
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':riskId/residual-assessment')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Assess the residual risk after the response' })
  @ScopedBy(RISK_ROUTE)
  assessResidual(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: AssessRiskDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'AssessResidualRisk',
        data: assessmentOf(body),
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':riskId/owner')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Assign the risk owner' })
  @ScopedBy(RISK_ROUTE)
  assignOwner(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: AssignRiskOwnerDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'AssignRiskOwner',
        data: { ownerId: body.ownerId },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':riskId/escalation')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Escalate a risk' })
  @ScopedBy(RISK_ROUTE)
  escalate(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: EscalateRiskDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { level, escalatedTo, reason } = body;
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'EscalateRisk',
        data: { level, escalatedTo, reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':riskId/occurrence')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record that a risk occurred' })
  @ScopedBy(RISK_ROUTE)
  recordOccurrence(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: RecordRiskOccurrenceDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { occurredOn, description, actualCostImpact } = body;
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'RecordRiskOccurrence',
        data: { occurredOn, description, actualCostImpact: toMoney(actualCostImpact) },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':riskId/close')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a risk' })
  @ScopedBy(RISK_ROUTE)
  close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: CloseRiskDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { reason, note } = body;
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'CloseRisk',
        data: { reason, ...(note !== undefined ? { note } : {}) },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
