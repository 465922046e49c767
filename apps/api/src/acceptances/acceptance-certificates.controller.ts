import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext } from '@ledger/command-path';
import {
  ACCEPTANCE_AUTHORITIES,
  acceptanceStreamId,
  type AcceptanceCommand,
  acceptanceAggregate,
} from '@ledger/domain';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  Roles,
} from '@ledger/runtime';
import { CommandDispatcher } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import { IssueCertificateDto, RejectAcceptanceDto } from './acceptance-commands.dto';
import { assertAcceptanceInProject } from './acceptance-routes';

/**
 * The customer's verdicts on an acceptance object: PAC, rejection, FAC. A certificate's
 * follow-ups (the linked obligation fulfilled, the project's final acceptance recorded) come
 * back in `followUps`.
 */
@ApiTags('acceptances')
@ApiBearerAuth()
@Controller('api/projects/:projectId/acceptances/:acceptanceId')
export class AcceptanceCertificatesController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
  ) {}

  @Post('provisional-certificate')
  @HttpCode(200)
  @Roles(...ACCEPTANCE_AUTHORITIES.IssueProvisionalAcceptanceCertificate)
  @ApiOkResponse({ type: CommandAcceptedDto, description: '`id` is the certificate id' })
  @ApiOperation({
    summary: 'Issue the provisional acceptance certificate (PAC, starts the warranty)',
  })
  async issueProvisional(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('acceptanceId', IdParamPipe) acceptanceId: string,
    @Body() body: IssueCertificateDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await assertAcceptanceInProject(this.scope, principal, projectId, acceptanceId);
    const certificateId = body.certificateId ?? newId(`pac\n${acceptanceId}`, context);
    return this.dispatch(
      acceptanceId,
      (meta) => ({
        type: 'IssueProvisionalAcceptanceCertificate',
        data: { certificateId, issuedOn: body.issuedOn },
        meta,
      }),
      context,
      body.effectiveAt,
      certificateId,
    );
  }

  @Post('reject')
  @HttpCode(200)
  @Roles(...ACCEPTANCE_AUTHORITIES.RejectAcceptance)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Reject the acceptance' })
  async reject(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('acceptanceId', IdParamPipe) acceptanceId: string,
    @Body() body: RejectAcceptanceDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await assertAcceptanceInProject(this.scope, principal, projectId, acceptanceId);
    return this.dispatch(
      acceptanceId,
      (meta) => ({ type: 'RejectAcceptance', data: { reason: body.reason }, meta }),
      context,
      body.effectiveAt,
    );
  }

  @Post('final-certificate')
  @HttpCode(200)
  @Roles(...ACCEPTANCE_AUTHORITIES.IssueFinalAcceptanceCertificate)
  @ApiOkResponse({ type: CommandAcceptedDto, description: '`id` is the certificate id' })
  @ApiOperation({ summary: 'Issue the final acceptance certificate (FAC, ends the warranty)' })
  async issueFinal(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('acceptanceId', IdParamPipe) acceptanceId: string,
    @Body() body: IssueCertificateDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await assertAcceptanceInProject(this.scope, principal, projectId, acceptanceId);
    const certificateId = body.certificateId ?? newId(`fac\n${acceptanceId}`, context);
    return this.dispatch(
      acceptanceId,
      (meta) => ({
        type: 'IssueFinalAcceptanceCertificate',
        data: { certificateId, issuedOn: body.issuedOn },
        meta,
      }),
      context,
      body.effectiveAt,
      certificateId,
    );
  }

  private dispatch(
    acceptanceId: string,
    build: (meta: AcceptanceCommand['meta']) => AcceptanceCommand,
    context: CommandContext,
    effectiveAt: string | undefined,
    id?: string,
  ): Promise<CommandAcceptedDto> {
    return this.commands.dispatch<AcceptanceCommand>(
      acceptanceAggregate,
      acceptanceStreamId(acceptanceId),
      build,
      context,
      { ...(id ? { id } : {}), effectiveAt },
    );
  }
}
