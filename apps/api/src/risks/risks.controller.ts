import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type CommandContext } from '@ledger/command-path';
import {
  riskStreamId,
  type RiskAssessmentInput,
  type RiskCommand,
  riskAggregate,
} from '@ledger/domain';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  Roles,
} from '@ledger/runtime';
import { CommandDispatcher } from '../commands/command-dispatcher.service';
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
import { RISK_WRITERS, RiskCommands, toMoney } from './risk-commands.service';

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
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
    private readonly risks: RiskCommands,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...RISK_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Raise a risk or opportunity (RiskRaised)' })
  async raise(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: RaiseRiskDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const riskId = newId('risk', context);
    const { kind, title, cause, event, effect, category } = body;
    return this.commands.dispatch<RiskCommand>(
      riskAggregate,
      riskStreamId(riskId),
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
  assess(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: AssessRiskDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.risks.send({ projectId, riskId }, principal, context, body.effectiveAt, (meta) => ({
      type: 'AssessRisk',
      data: assessmentOf(body),
      meta,
    }));
  }

  @Post(':riskId/residual-assessment')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Assess the residual risk after the response' })
  assessResidual(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: AssessRiskDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.risks.send({ projectId, riskId }, principal, context, body.effectiveAt, (meta) => ({
      type: 'AssessResidualRisk',
      data: assessmentOf(body),
      meta,
    }));
  }

  @Post(':riskId/owner')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Assign the risk owner' })
  assignOwner(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: AssignRiskOwnerDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.risks.send({ projectId, riskId }, principal, context, body.effectiveAt, (meta) => ({
      type: 'AssignRiskOwner',
      data: { ownerId: body.ownerId },
      meta,
    }));
  }

  @Post(':riskId/escalation')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Escalate a risk' })
  escalate(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: EscalateRiskDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { level, escalatedTo, reason } = body;
    return this.risks.send({ projectId, riskId }, principal, context, body.effectiveAt, (meta) => ({
      type: 'EscalateRisk',
      data: { level, escalatedTo, reason },
      meta,
    }));
  }

  @Post(':riskId/occurrence')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record that a risk occurred' })
  recordOccurrence(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: RecordRiskOccurrenceDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { occurredOn, description, actualCostImpact } = body;
    return this.risks.send({ projectId, riskId }, principal, context, body.effectiveAt, (meta) => ({
      type: 'RecordRiskOccurrence',
      data: { occurredOn, description, actualCostImpact: toMoney(actualCostImpact) },
      meta,
    }));
  }

  @Post(':riskId/close')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a risk' })
  close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: CloseRiskDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { reason, note } = body;
    return this.risks.send({ projectId, riskId }, principal, context, body.effectiveAt, (meta) => ({
      type: 'CloseRisk',
      data: { reason, ...(note !== undefined ? { note } : {}) },
      meta,
    }));
  }
}
