import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext } from '@ledger/command-path';
import {
  ACCEPTANCE_AUTHORITIES,
  type AcceptanceCommand,
  acceptanceAggregate,
} from '@ledger/domain';
import { IdParamPipe, ScopedBy, Roles } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import { IssueCertificateDto, RejectAcceptanceDto } from './acceptance-commands.dto';
import { ACCEPTANCE_ROUTE } from './acceptance-routes';

/**
 * The customer's verdicts on an acceptance object: PAC, rejection, FAC. A certificate's
 * follow-ups (the linked obligation fulfilled, the project's final acceptance recorded) come
 * back in `followUps`.
 */
@ApiTags('acceptances')
@ApiBearerAuth()
@Controller('api/projects/:projectId/acceptances/:acceptanceId')
export class AcceptanceCertificatesController {
  private readonly acceptanceCommands: CommandSender<AcceptanceCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.acceptanceCommands = this.commands.for(acceptanceAggregate);
  }

  @Post('provisional-certificate')
  @HttpCode(200)
  @Roles(...ACCEPTANCE_AUTHORITIES.IssueProvisionalAcceptanceCertificate)
  @ApiOkResponse({ type: CommandAcceptedDto, description: '`id` is the certificate id' })
  @ApiOperation({
    summary: 'Issue the provisional acceptance certificate (PAC, starts the warranty)',
  })
  @ScopedBy(ACCEPTANCE_ROUTE)
  async issueProvisional(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('acceptanceId', IdParamPipe) acceptanceId: string,
    @Body() body: IssueCertificateDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const certificateId = body.certificateId ?? newId(`pac\n${acceptanceId}`, context);
    return this.acceptanceCommands(
      acceptanceId,
      (meta) => ({
        type: 'IssueProvisionalAcceptanceCertificate',
        data: { certificateId, issuedOn: body.issuedOn },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt, id: certificateId },
    );
  }

  @Post('reject')
  @HttpCode(200)
  @Roles(...ACCEPTANCE_AUTHORITIES.RejectAcceptance)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Reject the acceptance' })
  @ScopedBy(ACCEPTANCE_ROUTE)
  async reject(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('acceptanceId', IdParamPipe) acceptanceId: string,
    @Body() body: RejectAcceptanceDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.acceptanceCommands(
      acceptanceId,
      (meta) => ({ type: 'RejectAcceptance', data: { reason: body.reason }, meta }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }

  @Post('final-certificate')
  @HttpCode(200)
  @Roles(...ACCEPTANCE_AUTHORITIES.IssueFinalAcceptanceCertificate)
  @ApiOkResponse({ type: CommandAcceptedDto, description: '`id` is the certificate id' })
  @ApiOperation({ summary: 'Issue the final acceptance certificate (FAC, ends the warranty)' })
  @ScopedBy(ACCEPTANCE_ROUTE)
  async issueFinal(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('acceptanceId', IdParamPipe) acceptanceId: string,
    @Body() body: IssueCertificateDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const certificateId = body.certificateId ?? newId(`fac\n${acceptanceId}`, context);
    return this.acceptanceCommands(
      acceptanceId,
      (meta) => ({
        type: 'IssueFinalAcceptanceCertificate',
        data: { certificateId, issuedOn: body.issuedOn },
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt, id: certificateId },
    );
  }
}
