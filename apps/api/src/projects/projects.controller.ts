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
  programStreamId,
  contractAggregate,
  programAggregate,
  projectAggregate,
  type ProjectCommand,
} from '@ledger/domain';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  ScopedBy,
  Roles,
} from '@ledger/runtime';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import { CreateProjectDto, ReasonDto } from './project-commands.dto';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { FINAL_ACCEPTANCE_WAIVERS, PROJECT_WRITERS } from './project-roles';

/** A project's creation and closure (its set-up, change control and execution have their own controllers). */
@ApiTags('projects')
@ApiBearerAuth()
@Controller('api/projects')
export class ProjectsController {
  private readonly projectCommands: CommandSender<ProjectCommand>;

  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
    private readonly executor: CommandExecutor,
  ) {
    this.projectCommands = this.commands.for(projectAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles(...PROJECT_WRITERS)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Create a project under a program and its contract' })
  async create(
    @Body() body: CreateProjectDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    this.scope.assertProgram(principal, body.programId);
    const projectId = newId('project', context);
    const { programId, contractId, name } = body;
    const facts = await this.creationFacts(programId, contractId);
    return this.projectCommands(
      projectId,
      (meta) => ({
        type: 'CreateProject',
        data: { projectId, programId, contractId, name, ...facts },
        meta,
      }),
      context,
      { id: projectId, effectiveAt: body.effectiveAt },
    );
  }

  /**
   * The facts CreateProject needs from other aggregates. A contract counts as registered for
   * this project only when it is registered in the same program: a contract of another program
   * is answered exactly like an unknown one (`contract-not-registered`), which also tells a
   * caller nothing about programs outside its claim.
   */
  private async creationFacts(
    programId: string,
    contractId: string,
  ): Promise<{ programIsOpen: boolean; contractIsRegistered: boolean }> {
    const [program, contract] = await Promise.all([
      this.executor.load(programAggregate, programStreamId(programId)),
      this.executor.load(contractAggregate, contractStreamId(contractId)),
    ]);
    const programState = program.state;
    const contractState = contract.state;
    return {
      programIsOpen: programState.status === 'active',
      contractIsRegistered:
        contractState.status !== 'absent' && contractState.programId === programId,
    };
  }

  @Post(':projectId/final-acceptance-waiver')
  @HttpCode(200)
  @Roles(...FINAL_ACCEPTANCE_WAIVERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Waive final acceptance formally, with the authority and reason' })
  @ScopedBy({ project: 'projectId' })
  async waiveFinalAcceptance(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: ReasonDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.projectCommands(
      projectId,
      (meta) => ({ type: 'WaiveFinalAcceptance', data: { reason: body.reason }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':projectId/close')
  @HttpCode(200)
  @Roles(...PROJECT_WRITERS)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({
    summary:
      'Close the project (no open change request, Delivery→Care approved, final acceptance issued or waived)',
  })
  @ScopedBy({ project: 'projectId' })
  async close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: ReasonDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.projectCommands(
      projectId,
      (meta) => ({ type: 'CloseProject', data: { reason: body.reason }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
