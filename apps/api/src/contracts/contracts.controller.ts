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
  CONTRACT_AUTHORITIES,
  programErrors,
  programStreamId,
  type ContractCommand,
  contractAggregate,
  programAggregate,
} from '@ledger/domain';
import {
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
import { ChangeRequestLookup } from './change-request-lookup.service';
import {
  AmendContractDto,
  DesignateKeyProjectDto,
  RegisterContractDto,
} from './contract-commands.dto';
import { obligationDue } from './obligation-due';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts')
export class ContractsController {
  private readonly contractCommands: CommandSender<ContractCommand>;

  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
    private readonly changeRequests: ChangeRequestLookup,
    private readonly executor: CommandExecutor,
  ) {
    this.contractCommands = this.commands.for(contractAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles(...CONTRACT_AUTHORITIES.RegisterContract)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Register a signed customer contract in a program' })
  async register(
    @Body() body: RegisterContractDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    this.scope.assertProgram(principal, body.programId);
    await this.assertProgramExists(body.programId);
    const contractId = newId('contract', context);
    const { programId, customerId, title, value, signedOn } = body;
    return this.contractCommands(
      contractId,
      (meta) => ({
        type: 'RegisterContract',
        data: {
          contractId,
          programId,
          customerId,
          title,
          value: { amount: value.amount, currency: value.currency },
          signedOn,
        },
        meta,
      }),
      context,
      { id: contractId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':contractId/key-project')
  @HttpCode(200)
  @Roles(...CONTRACT_AUTHORITIES.DesignateContractKeyProject)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Designate the contract as a key project, with the criteria met' })
  @ScopedBy({ contract: 'contractId' })
  async designateKeyProject(
    @Param('contractId', IdParamPipe) contractId: string,
    @Body() body: DesignateKeyProjectDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.contractCommands(
      contractId,
      (meta) => ({
        type: 'DesignateContractKeyProject',
        data: { criteria: [...body.criteria], reason: body.reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':contractId/amendments')
  @HttpCode(201)
  @Roles(...CONTRACT_AUTHORITIES.AmendContract)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({
    summary:
      'Amend the contract under an approved contractual change request and a customer signature',
  })
  @ScopedBy({ contract: 'contractId' })
  async amend(
    @Param('contractId', IdParamPipe) contractId: string,
    @Body() body: AmendContractDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const changeRequest = await this.changeRequests.authorising(contractId, body.changeRequest);
    const amendmentId = newId(`contract-amendment\n${contractId}`, context);
    return this.contractCommands(
      contractId,
      (meta) => ({
        type: 'AmendContract',
        data: {
          amendmentId,
          summary: body.summary,
          changes: {
            value: body.value ? { amount: body.value.amount, currency: body.value.currency } : null,
            obligationDueDates: (body.obligationDueChanges ?? []).map((change) => ({
              obligationId: change.obligationId,
              ...obligationDue(change),
            })),
          },
          changeRequest,
          customerSignatureRef: body.customerSignatureRef,
        },
        meta,
      }),
      context,
      { id: amendmentId, effectiveAt: body.effectiveAt },
    );
  }

  /** The contract names its program: an unknown program id is a look-up failure (404). */
  private async assertProgramExists(programId: string): Promise<void> {
    const { state } = await this.executor.load(programAggregate, programStreamId(programId));
    if (state.status === 'absent') throw programErrors.notFound();
  }
}
