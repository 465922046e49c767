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
  programStreamId,
  projectStreamId,
  type ProgramCommand,
  projectAggregate,
  programAggregate,
} from '@ledger/domain';
import {
  assertMayCreatePrograms,
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  ScopedBy,
  Roles,
} from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import {
  AssignProgramManagerDto,
  CloseProgramDto,
  CreateProgramDto,
  DetachProjectDto,
} from './program-commands.dto';
import { EffectiveAtDto } from '../http/effective-at.dto';

@ApiTags('programs')
@ApiBearerAuth()
@Controller('api/programs')
export class ProgramsController {
  private readonly programCommands: CommandSender<ProgramCommand>;

  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
    private readonly executor: CommandExecutor,
  ) {
    this.programCommands = this.commands.for(programAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles('project-manager', 'pmo', 'admin')
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Create a program for a customer' })
  create(
    @Body() body: CreateProgramDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    assertMayCreatePrograms(principal);
    const programId = newId('program', context);
    const { name, customerId, customerName, managerId } = body;
    return this.programCommands(
      programId,
      (meta) => ({
        type: 'CreateProgram',
        data: {
          programId,
          name,
          // The event keeps its shape: the customer as one value.
          customer: { id: customerId, name: customerName },
          managerId: managerId ?? null,
        },
        meta,
      }),
      context,
      { id: programId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':programId/manager')
  @HttpCode(200)
  @Roles('pmo', 'admin')
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Assign the program manager' })
  @ScopedBy({ program: 'programId' })
  assignManager(
    @Param('programId', IdParamPipe) programId: string,
    @Body() body: AssignProgramManagerDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.programCommands(
      programId,
      (meta) => ({ type: 'AssignProgramManager', data: { managerId: body.managerId }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':programId/close')
  @HttpCode(200)
  @Roles('pmo', 'admin')
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a program (no open project may remain)' })
  @ScopedBy({ program: 'programId' })
  async close(
    @Param('programId', IdParamPipe) programId: string,
    @Body() body: CloseProgramDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const openProjectIds = await this.openProjectsOf(programId);
    return this.programCommands(
      programId,
      (meta) => ({ type: 'CloseProgram', data: { reason: body.reason, openProjectIds }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  /**
   * Attaches a project back to the program it was created in (after a detach). A project is
   * created inside one program and stays addressed through it (ProgramScope), so moving it to
   * another program is refused as belonging elsewhere.
   */
  @Post(':programId/projects/:projectId/attach')
  @HttpCode(200)
  @Roles('pmo', 'admin')
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Attach a project to this program' })
  @ScopedBy({ program: 'programId' })
  async attachProject(
    @Param('programId', IdParamPipe) programId: string,
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: EffectiveAtDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const createdIn = await this.scope.assertProject(principal, projectId);
    const projectCurrentProgramId = createdIn === programId ? null : createdIn;
    return this.programCommands(
      programId,
      (meta) => ({
        type: 'AttachProjectToProgram',
        data: { projectId, projectCurrentProgramId },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':programId/projects/:projectId/detach')
  @HttpCode(200)
  @Roles('pmo', 'admin')
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Detach a project from this program' })
  @ScopedBy({ program: 'programId' })
  detachProject(
    @Param('programId', IdParamPipe) programId: string,
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: DetachProjectDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.programCommands(
      programId,
      (meta) => ({
        type: 'DetachProjectFromProgram',
        data: { projectId, reason: body.reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  /** The fact CloseProgram needs from the projects: which attached ones are not closed yet. */
  private async openProjectsOf(programId: string): Promise<string[]> {
    const { state } = await this.executor.load(programAggregate, programStreamId(programId));
    const program = state;
    if (program.status === 'absent') return [];
    const open: string[] = [];
    for (const projectId of program.projectIds) {
      const project = (await this.executor.load(projectAggregate, projectStreamId(projectId)))
        .state;
      if (project.status === 'active') open.push(projectId);
    }
    return open;
  }
}
