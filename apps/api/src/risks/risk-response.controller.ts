import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CommandContext } from '@ledger/command-path';
import { CurrentPrincipal, IdParamPipe, type Principal, Roles } from '@ledger/runtime';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import { RISK_WRITERS, RiskCommands, toMoney } from './risk-commands.service';
import {
  AddResponseActionDto,
  DrawContingencyDto,
  PlanRiskResponseDto,
  UpdateResponseActionDto,
} from './risk-response.dto';

/** The response to a risk: strategy and reserve, response actions, contingency draws. */
@ApiTags('risks')
@ApiBearerAuth()
@Controller('api/projects/:projectId/risks/:riskId')
export class RiskResponseController {
  constructor(private readonly risks: RiskCommands) {}

  @Post('response')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Plan the risk response (strategy fitting the kind)' })
  planResponse(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: PlanRiskResponseDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { strategy, description, contingencyReserve } = body;
    return this.risks.send({ projectId, riskId }, principal, context, body.effectiveAt, (meta) => ({
      type: 'PlanRiskResponse',
      data: {
        strategy,
        description,
        ...(contingencyReserve ? { contingencyReserve: toMoney(contingencyReserve) } : {}),
      },
      meta,
    }));
  }

  /** 201 with the action's id: the client's `actionId`, or one generated here. */
  @Post('actions')
  @HttpCode(201)
  @Roles(...RISK_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Add a response action' })
  addAction(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: AddResponseActionDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const actionId = body.actionId ?? newId('risk-action', context);
    const { description, ownerId, dueOn, status } = body;
    return this.risks.send(
      { projectId, riskId },
      principal,
      context,
      body.effectiveAt,
      (meta) => ({
        type: 'AddResponseAction',
        data: { actionId, description, ownerId, dueOn, ...(status ? { status } : {}) },
        meta,
      }),
      actionId,
    );
  }

  @Post('actions/:actionId')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Update a response action' })
  updateAction(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Param('actionId', IdParamPipe) actionId: string,
    @Body() body: UpdateResponseActionDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { description, ownerId, dueOn, status } = body;
    return this.risks.send({ projectId, riskId }, principal, context, body.effectiveAt, (meta) => ({
      type: 'UpdateResponseAction',
      data: {
        actionId,
        ...(description !== undefined ? { description } : {}),
        ...(ownerId !== undefined ? { ownerId } : {}),
        ...(dueOn !== undefined ? { dueOn } : {}),
        ...(status !== undefined ? { status } : {}),
      },
      meta,
    }));
  }

  @Post('contingency-draws')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: "Draw on the risk's contingency reserve" })
  drawContingency(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: DrawContingencyDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.risks.send({ projectId, riskId }, principal, context, body.effectiveAt, (meta) => ({
      type: 'DrawContingency',
      data: { amount: toMoney(body.amount), reason: body.reason },
      meta,
    }));
  }
}
