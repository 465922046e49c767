import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CommandExecutor, type CommandContext } from '@ledger/command-path';
import {
  contractStreamId,
  projectStreamId,
  contractAggregate,
  projectAggregate,
  type ProjectCommand,
} from '@ledger/domain';
import { IdParamPipe, ScopedBy, Roles } from '@ledger/runtime';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import { EstablishBaselineDto } from './baseline.dto';
import {
  AssignTeamMemberDto,
  DefineProcessCustomisationDto,
  RegisterStakeholderDto,
  ReleaseTeamMemberDto,
  SelectDeliveryApproachDto,
} from './project-commands.dto';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { PROJECT_WRITERS } from './project-roles';

/** Setting a project up: delivery approach, team, stakeholders, process customisation, baseline. */
@ApiTags('projects')
@ApiBearerAuth()
@Controller('api/projects/:projectId')
export class ProjectSetupController {
  private readonly projectCommands: CommandSender<ProjectCommand>;

  constructor(
    private readonly commands: CommandDispatcher,
    private readonly executor: CommandExecutor,
  ) {
    this.projectCommands = this.commands.for(projectAggregate);
  }

  @Post('delivery-approach')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Select the delivery approach (options considered, choice, rationale)' })
  @ScopedBy({ project: 'projectId' })
  async selectDeliveryApproach(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: SelectDeliveryApproachDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { optionsConsidered, chosen, rationale } = body;
    return this.projectCommands(
      projectId,
      (meta) => ({
        type: 'SelectDeliveryApproach',
        data: { optionsConsidered: [...optionsConsidered], chosen, rationale },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post('team')
  @HttpCode(201)
  @Roles(...PROJECT_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Assign a team member with a role and allocation' })
  @ScopedBy({ project: 'projectId' })
  async assignTeamMember(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: AssignTeamMemberDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { personId, role, allocationPercent } = body;
    return this.projectCommands(
      projectId,
      (meta) => ({ type: 'AssignTeamMember', data: { personId, role, allocationPercent }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post('team/:personId/release')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Release a team member from the project' })
  @ScopedBy({ project: 'projectId' })
  async releaseTeamMember(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('personId', IdParamPipe) personId: string,
    @Body() body: ReleaseTeamMemberDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { role, reason } = body;
    return this.projectCommands(
      projectId,
      (meta) => ({ type: 'ReleaseTeamMember', data: { personId, role, reason }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post('stakeholders')
  @HttpCode(201)
  @Roles(...PROJECT_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Register a stakeholder' })
  @ScopedBy({ project: 'projectId' })
  async registerStakeholder(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: RegisterStakeholderDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const stakeholderId = body.stakeholderId ?? newId(`stakeholder\n${projectId}`, context);
    const { name, organisation, role, influence, interest } = body;
    return this.projectCommands(
      projectId,
      (meta) => ({
        type: 'RegisterStakeholder',
        data: { stakeholderId, name, organisation, role, influence, interest },
        meta,
      }),
      context,
      { id: stakeholderId, effectiveAt: body.effectiveAt },
    );
  }

  @Post('process-customisations')
  @HttpCode(201)
  @Roles(...PROJECT_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Define how this project deviates from the global process' })
  @ScopedBy({ project: 'projectId' })
  async defineProcessCustomisation(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: DefineProcessCustomisationDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { area, deviation, rationale } = body;
    return this.projectCommands(
      projectId,
      (meta) => ({
        type: 'DefineProcessCustomisation',
        data: { area, deviation, rationale },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post('baseline')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({
    summary: 'Establish the baseline (BAC, scope items, milestones, quality criteria)',
  })
  @ScopedBy({ project: 'projectId' })
  async establishBaseline(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: EstablishBaselineDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const contractObligationIds = await this.obligationsOfContractOf(projectId);
    const { budget, scope, milestones, quality } = body;
    return this.projectCommands(
      projectId,
      (meta) => ({
        type: 'EstablishBaseline',
        data: {
          budget: { amount: budget.amount, currency: budget.currency },
          scope: scope.map(({ id, title }) => ({ id, title })),
          milestones: milestones.map(({ id, title, dueOn, obligationId }) => ({
            id,
            title,
            dueOn,
            ...(obligationId === undefined ? {} : { obligationId }),
          })),
          quality: quality.map(({ id, criterion, target }) => ({ id, criterion, target })),
          contractObligationIds,
        },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  /** The fact EstablishBaseline needs to check milestone links: its contract's obligation ids. */
  private async obligationsOfContractOf(projectId: string): Promise<string[]> {
    const project = (await this.executor.load(projectAggregate, projectStreamId(projectId))).state;
    if (project.status === 'absent') return [];
    const contract = (
      await this.executor.load(contractAggregate, contractStreamId(project.contractId))
    ).state;
    return contract.status === 'absent' ? [] : Object.keys(contract.obligations);
  }
}
