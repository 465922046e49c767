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
  AssessChangeRequestDto,
  DecideChangeRequestDto,
  RaiseChangeRequestDto,
  RecordCustomerApprovalDto,
} from './change-request-commands.dto';
import { ReasonDto } from './project-commands.dto';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { PROJECT_WRITERS } from './project-roles';

/**
 * Change control. A change request lives in its project's stream (one consistency boundary for
 * CSSQ), so an approval appends the decision, the CSSQ facts and the revised baseline at once.
 * Segregation of duties (the requester cannot decide) is the domain's rule, answered 403.
 */
@ApiTags('change-requests')
@ApiBearerAuth()
@Controller('api/projects/:projectId/change-requests')
export class ChangeRequestsController {
  private readonly projectCommands: CommandSender<ProjectCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.projectCommands = this.commands.for(projectAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles(...PROJECT_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Raise a change request (origin and CSSQ categories)' })
  @ScopedBy({ project: 'projectId' })
  async raise(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: RaiseChangeRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const changeRequestId = newId(`change-request\n${projectId}`, context);
    const { title, origin, categories, justification, supersedes } = body;
    return this.projectCommands(
      projectId,
      (meta) => ({
        type: 'RaiseChangeRequest',
        data: {
          changeRequestId,
          title,
          origin,
          categories: [...categories],
          justification,
          ...(supersedes === undefined ? {} : { supersedes }),
        },
        meta,
      }),
      context,
      { id: changeRequestId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':crId/assessment')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: "Assess a change request's impact on every CSSQ dimension" })
  @ScopedBy({ project: 'projectId' })
  async assess(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('crId', IdParamPipe) changeRequestId: string,
    @Body() body: AssessChangeRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { cost, schedule, scope, quality, contractual } = body;
    return this.projectCommands(
      projectId,
      (meta) => ({
        type: 'AssessChangeRequestImpact',
        data: {
          changeRequestId,
          cost: cost.toImpact(),
          schedule: schedule.toImpact(),
          scope: scope.toImpact(),
          quality: quality.toImpact(),
          ...(contractual === undefined ? {} : { contractual }),
        },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':crId/decision')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({
    summary:
      'Decide a change request (approve, reject, defer); approval revises the baseline in the same append',
  })
  @ScopedBy({ project: 'projectId' })
  async decide(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('crId', IdParamPipe) changeRequestId: string,
    @Body() body: DecideChangeRequestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { outcome, reason } = body;
    return this.projectCommands(
      projectId,
      (meta) => ({ type: 'DecideChangeRequest', data: { changeRequestId, outcome, reason }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':crId/customer-approval')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: "Record the customer's approval of a contractual change request" })
  @ScopedBy({ project: 'projectId' })
  async recordCustomerApproval(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('crId', IdParamPipe) changeRequestId: string,
    @Body() body: RecordCustomerApprovalDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { customerSignatureRef } = body;
    return this.projectCommands(
      projectId,
      (meta) => ({
        type: 'RecordCustomerApproval',
        data: { changeRequestId, customerSignatureRef },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  /** The body is optional (it may only carry effectiveAt). */
  @Post(':crId/implement')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record a change request as implemented' })
  @ScopedBy({ project: 'projectId' })
  async implement(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('crId', IdParamPipe) changeRequestId: string,
    @Body() body: EffectiveAtDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.projectCommands(
      projectId,
      (meta) => ({ type: 'ImplementChangeRequest', data: { changeRequestId }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  /** The body is optional (it may only carry effectiveAt). */
  @Post(':crId/close')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a change request' })
  @ScopedBy({ project: 'projectId' })
  async close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('crId', IdParamPipe) changeRequestId: string,
    @Body() body: EffectiveAtDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.projectCommands(
      projectId,
      (meta) => ({ type: 'CloseChangeRequest', data: { changeRequestId }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':crId/withdraw')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Withdraw a change request' })
  @ScopedBy({ project: 'projectId' })
  async withdraw(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('crId', IdParamPipe) changeRequestId: string,
    @Body() body: ReasonDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.projectCommands(
      projectId,
      (meta) => ({
        type: 'WithdrawChangeRequest',
        data: { changeRequestId, reason: body.reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
