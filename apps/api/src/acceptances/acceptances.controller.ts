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
  ACCEPTANCE_AUTHORITIES,
  contractErrors,
  contractStreamId,
  projectErrors,
  projectStreamId,
  type AcceptanceCommand,
  type OpenAcceptance,
  acceptanceAggregate,
  contractAggregate,
  projectAggregate,
} from '@ledger/domain';
import { IdParamPipe, ScopedBy, RequestValidationError, Roles } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import {
  ClearPunchItemDto,
  OpenAcceptanceDto,
  RaisePunchItemDto,
  RecordAcceptanceTestResultDto,
  ScheduleAcceptanceTestDto,
} from './acceptance-commands.dto';
import { ACCEPTANCE_ROUTE } from './acceptance-routes';

/** Acceptance of one object of a project: opening, tests and punch items. */
@ApiTags('acceptances')
@ApiBearerAuth()
@Controller('api/projects/:projectId/acceptances')
export class AcceptancesController {
  private readonly acceptanceCommands: CommandSender<AcceptanceCommand>;

  constructor(
    private readonly commands: CommandDispatcher,
    private readonly executor: CommandExecutor,
  ) {
    this.acceptanceCommands = this.commands.for(acceptanceAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles(...ACCEPTANCE_AUTHORITIES.OpenAcceptance)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Open an acceptance for a site, link, cluster, network or deliverable' })
  @ScopedBy({ project: 'projectId' })
  async open(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: OpenAcceptanceDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const obligation = await this.obligationLink(projectId, body);
    const acceptanceId = newId(`acceptance\n${projectId}`, context);
    const { kind, ref, title } = body.object;
    return this.acceptanceCommands(
      acceptanceId,
      (meta) => ({
        type: 'OpenAcceptance',
        data: {
          acceptanceId,
          projectId,
          object: { kind, ref, title },
          obligation,
          ...(body.warrantyMonths === undefined ? {} : { warrantyMonths: body.warrantyMonths }),
        },
        meta,
      }),
      context,
      { id: acceptanceId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':acceptanceId/tests')
  @HttpCode(201)
  @Roles(...ACCEPTANCE_AUTHORITIES.ScheduleAcceptanceTest)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Schedule an acceptance test' })
  @ScopedBy(ACCEPTANCE_ROUTE)
  async scheduleTest(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('acceptanceId', IdParamPipe) acceptanceId: string,
    @Body() body: ScheduleAcceptanceTestDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { testId, scheduledOn } = body;
    return this.acceptanceCommands(
      acceptanceId,
      (meta) => ({ type: 'ScheduleAcceptanceTest', data: { testId, scheduledOn }, meta }),
      context,
      { effectiveAt: body.effectiveAt, id: testId },
    );
  }

  @Post(':acceptanceId/tests/:testId/result')
  @HttpCode(200)
  @Roles(...ACCEPTANCE_AUTHORITIES.RecordAcceptanceTestResult)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record the result of an acceptance test' })
  @ScopedBy(ACCEPTANCE_ROUTE)
  async recordTestResult(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('acceptanceId', IdParamPipe) acceptanceId: string,
    @Param('testId', IdParamPipe) testId: string,
    @Body() body: RecordAcceptanceTestResultDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.acceptanceCommands(
      acceptanceId,
      (meta) => ({
        type: 'RecordAcceptanceTestResult',
        data: {
          testId,
          result: body.result,
          ...(body.notes === undefined ? {} : { notes: body.notes }),
        },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':acceptanceId/punch-items')
  @HttpCode(201)
  @Roles(...ACCEPTANCE_AUTHORITIES.RaisePunchItem)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Raise a punch item (severity A blocks the PAC, B is listed on it)' })
  @ScopedBy(ACCEPTANCE_ROUTE)
  async raisePunchItem(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('acceptanceId', IdParamPipe) acceptanceId: string,
    @Body() body: RaisePunchItemDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { itemId, severity, description } = body;
    return this.acceptanceCommands(
      acceptanceId,
      (meta) => ({ type: 'RaisePunchItem', data: { itemId, severity, description }, meta }),
      context,
      { effectiveAt: body.effectiveAt, id: itemId },
    );
  }

  @Post(':acceptanceId/punch-items/:itemId/clear')
  @HttpCode(200)
  @Roles(...ACCEPTANCE_AUTHORITIES.ClearPunchItem)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Clear a punch item' })
  @ScopedBy(ACCEPTANCE_ROUTE)
  async clearPunchItem(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('acceptanceId', IdParamPipe) acceptanceId: string,
    @Param('itemId', IdParamPipe) itemId: string,
    @Body() body: ClearPunchItemDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const { ref, note } = body.evidence;
    return this.acceptanceCommands(
      acceptanceId,
      (meta) => ({
        type: 'ClearPunchItem',
        data: { itemId, evidence: { ref, note: note ?? null } },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  /**
   * The obligation link OpenAcceptance takes: the contract is the project's; the obligation must
   * exist on it (an unknown obligation id is a look-up failure, 404 obligation-not-found).
   */
  private async obligationLink(
    projectId: string,
    body: OpenAcceptanceDto,
  ): Promise<OpenAcceptance['data']['obligation']> {
    const { obligationId, fulfilledBy } = body;
    if (obligationId === undefined) {
      if (fulfilledBy !== undefined) {
        throw new RequestValidationError([
          {
            field: 'fulfilledBy',
            rule: 'requiresObligationId',
            message: 'fulfilledBy names the certificate that fulfils obligationId: give both',
          },
        ]);
      }
      return null;
    }
    const project = (await this.executor.load(projectAggregate, projectStreamId(projectId))).state;
    if (project.status === 'absent') throw projectErrors.notFound();
    const { contractId } = project;
    const contract = (await this.executor.load(contractAggregate, contractStreamId(contractId)))
      .state;
    if (contract.status === 'absent' || contract.obligations[obligationId] === undefined) {
      throw contractErrors.obligationNotFound(obligationId);
    }
    return { contractId, obligationId, ...(fulfilledBy === undefined ? {} : { fulfilledBy }) };
  }
}
