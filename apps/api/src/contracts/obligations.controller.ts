import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type CommandContext } from '@ledger/command-path';
import { CONTRACT_AUTHORITIES, type ContractCommand, contractAggregate } from '@ledger/domain';
import { IdParamPipe, ScopedBy, Roles } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import {
  AccrueLiquidatedDamagesDto,
  RecordObligationFulfilledDto,
  RecordObligationMissedDto,
  RegisterObligationDto,
  WaiveLiquidatedDamagesDto,
} from './obligation-commands.dto';
import { obligationDue } from './obligation-due';

/** A contract's obligations and their liquidated damages (LD arithmetic is the domain's). */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/contracts/:contractId/obligations')
export class ObligationsController {
  private readonly contractCommands: CommandSender<ContractCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.contractCommands = this.commands.for(contractAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles(...CONTRACT_AUTHORITIES.RegisterObligation)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({
    summary:
      'Register a contractual obligation (milestone, deliverable, acceptance, SLA, payment, warranty) with its remedy',
  })
  @ScopedBy({ contract: 'contractId' })
  async register(
    @Param('contractId', IdParamPipe) contractId: string,
    @Body() body: RegisterObligationDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const obligationId = newId(`obligation\n${contractId}`, context);
    const { kind, title, remedy } = body;
    return this.contractCommands(
      contractId,
      (meta) => ({
        type: 'RegisterObligation',
        data: {
          obligationId,
          kind,
          title,
          evidenceRule: body.evidenceRule ?? '',
          remedy: remedy
            ? {
                kind: remedy.kind,
                ratePerWeekPct: remedy.ratePerWeekPct,
                capPct: remedy.capPct,
                ...(remedy.graceDays === undefined ? {} : { graceDays: remedy.graceDays }),
              }
            : null,
          ...obligationDue(body),
        },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt, id: obligationId },
    );
  }

  @Post(':obligationId/fulfilment')
  @HttpCode(200)
  @Roles(...CONTRACT_AUTHORITIES.RecordObligationFulfilled)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record an obligation as fulfilled, with its evidence' })
  @ScopedBy({ contract: 'contractId' })
  async recordFulfilled(
    @Param('contractId', IdParamPipe) contractId: string,
    @Param('obligationId', IdParamPipe) obligationId: string,
    @Body() body: RecordObligationFulfilledDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.contractCommands(
      contractId,
      (meta) => ({
        type: 'RecordObligationFulfilled',
        data: {
          obligationId,
          fulfilledOn: body.fulfilledOn,
          evidence: { kind: body.evidence.kind, ref: body.evidence.ref },
        },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':obligationId/missed')
  @HttpCode(200)
  @Roles(...CONTRACT_AUTHORITIES.RecordObligationMissed)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record an obligation as missed' })
  @ScopedBy({ contract: 'contractId' })
  async recordMissed(
    @Param('contractId', IdParamPipe) contractId: string,
    @Param('obligationId', IdParamPipe) obligationId: string,
    @Body() body: RecordObligationMissedDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.contractCommands(
      contractId,
      (meta) => ({
        type: 'RecordObligationMissed',
        data: { obligationId, reason: body.reason },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  /** May append nothing (already accrued as of that day, cap reached, fulfilled in time). */
  @Post(':obligationId/liquidated-damages/accruals')
  @HttpCode(200)
  @Roles(...CONTRACT_AUTHORITIES.AccrueLiquidatedDamages)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Accrue liquidated damages on a late obligation (computed and capped)' })
  @ScopedBy({ contract: 'contractId' })
  async accrue(
    @Param('contractId', IdParamPipe) contractId: string,
    @Param('obligationId', IdParamPipe) obligationId: string,
    @Body() body: AccrueLiquidatedDamagesDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.contractCommands(
      contractId,
      (meta) => ({
        type: 'AccrueLiquidatedDamages',
        data: { obligationId, asOf: body.asOf },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post(':obligationId/liquidated-damages/waivers')
  @HttpCode(200)
  @Roles(...CONTRACT_AUTHORITIES.WaiveLiquidatedDamages)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Waive accrued liquidated damages, with the authority and reason' })
  @ScopedBy({ contract: 'contractId' })
  async waive(
    @Param('contractId', IdParamPipe) contractId: string,
    @Param('obligationId', IdParamPipe) obligationId: string,
    @Body() body: WaiveLiquidatedDamagesDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.contractCommands(
      contractId,
      (meta) => ({
        type: 'WaiveLiquidatedDamages',
        data: {
          obligationId,
          amount: { amount: body.amount.amount, currency: body.amount.currency },
          reason: body.reason,
        },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
