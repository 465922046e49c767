import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CommandContext } from '@ledger/command-path';
import { riskAggregate, type RiskCommand } from '@ledger/domain';
import { IdParamPipe, Roles, ScopedBy } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import { RISK_ROUTE, RISK_WRITERS, toMoney } from './risk-routes';
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
  private readonly riskCommands: CommandSender<RiskCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.riskCommands = this.commands.for(riskAggregate);
  }

  @Post('response')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Plan the risk response (strategy fitting the kind)' })
  @ScopedBy(RISK_ROUTE)
  planResponse(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: PlanRiskResponseDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { strategy, description, contingencyReserve } = body;
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'PlanRiskResponse',
        data: {
          strategy,
          description,
          ...(contingencyReserve ? { contingencyReserve: toMoney(contingencyReserve) } : {}),
        },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  /** 201 with the action's id: the client's `actionId`, or one generated here. */
  @Post('actions')
  @HttpCode(201)
  @Roles(...RISK_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Add a response action' })
  @ScopedBy(RISK_ROUTE)
  addAction(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: AddResponseActionDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const actionId = body.actionId ?? newId('risk-action', context);
    const { description, ownerId, dueOn, status } = body;
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'AddResponseAction',
        data: { actionId, description, ownerId, dueOn, ...(status ? { status } : {}) },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt, id: actionId },
    );
  }

  @Post('actions/:actionId')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Update a response action' })
  @ScopedBy(RISK_ROUTE)
  updateAction(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Param('actionId', IdParamPipe) actionId: string,
    @Body() body: UpdateResponseActionDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { description, ownerId, dueOn, status } = body;
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'UpdateResponseAction',
        data: {
          actionId,
          ...(description !== undefined ? { description } : {}),
          ...(ownerId !== undefined ? { ownerId } : {}),
          ...(dueOn !== undefined ? { dueOn } : {}),
          ...(status !== undefined ? { status } : {}),
        },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post('contingency-draws')
  @HttpCode(200)
  @Roles(...RISK_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: "Draw on the risk's contingency reserve" })
  @ScopedBy(RISK_ROUTE)
  drawContingency(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('riskId', IdParamPipe) riskId: string,
    @Body() body: DrawContingencyDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.riskCommands(
      riskId,
      (meta) => ({
        type: 'DrawContingency',
        data: { amount: toMoney(body.amount), reason: body.reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
