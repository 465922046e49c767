import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type CommandContext, type CommandFactory } from '@ledger/command-path';
import {
  SURVEY_ROLES,
  surveyStreamId,
  type CustomerSurveyCommand,
  customerSurveyAggregate,
  customerSurveyErrors,
} from '@ledger/domain';
import {
  CurrentPrincipal,
  IdParamPipe,
  type Principal,
  ProgramScope,
  Roles,
} from '@ledger/runtime';
import { CommandDispatcher, type DispatchOptions } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { newId } from '../http/new-id';
import { IssueSurveyDto, RecordSurveyResponseDto } from './survey-commands.dto';

/**
 * Customer-satisfaction surveys of a project. Roles follow the domain's SURVEY_ROLES: the CPM or
 * the PMO issue and close a survey; responses also come from care and the survey-tool integration.
 */
@ApiTags('surveys')
@ApiBearerAuth()
@Controller('api/projects/:projectId/surveys')
export class SurveysController {
  constructor(
    private readonly commands: CommandDispatcher,
    private readonly scope: ProgramScope,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...SURVEY_ROLES.manage)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Issue a customer satisfaction survey' })
  async issue(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: IssueSurveyDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const surveyId = newId('survey', context);
    const respondentRefs = body.respondentRefs ?? null;
    return this.commands.dispatch<CustomerSurveyCommand>(
      customerSurveyAggregate,
      surveyStreamId(surveyId),
      (meta) => ({
        type: 'IssueSurvey',
        data: { surveyId, projectId, issuedOn: body.issuedOn, respondentRefs },
        meta,
      }),
      context,
      { id: surveyId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':surveyId/responses')
  @HttpCode(201)
  @Roles(...SURVEY_ROLES.respond)
  @ApiCreatedResponse({ type: CommandAcceptedDto, description: '`id` is the response id' })
  @ApiOperation({ summary: 'Record a survey response (NPS, CSAT, verbatim)' })
  recordResponse(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('surveyId', IdParamPipe) surveyId: string,
    @Body() body: RecordSurveyResponseDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const responseId = body.responseId ?? newId('survey-response', context);
    const { nps, csat } = body;
    return this.send(
      principal,
      projectId,
      surveyId,
      context,
      body,
      (meta) => ({
        type: 'RecordSurveyResponse',
        data: {
          responseId,
          respondentRef: body.respondentRef ?? null,
          nps,
          csat,
          verbatim: body.verbatim ?? null,
        },
        meta,
      }),
      responseId,
    );
  }

  @Post(':surveyId/close')
  @HttpCode(200)
  @Roles(...SURVEY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a survey (NPS and CSAT computed)' })
  close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('surveyId', IdParamPipe) surveyId: string,
    @Body() body: EffectiveAtDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.send(principal, projectId, surveyId, context, body, (meta) => ({
      type: 'CloseSurvey',
      data: {},
      meta,
    }));
  }

  /** The scope checks every survey route makes, then the command on the survey's stream. */
  private async send(
    principal: Principal,
    projectId: string,
    surveyId: string,
    context: CommandContext,
    body: { readonly effectiveAt?: string },
    build: CommandFactory<CustomerSurveyCommand>,
    id?: string,
  ): Promise<CommandAcceptedDto> {
    await this.scope.assertProject(principal, projectId);
    const streamId = surveyStreamId(surveyId);
    await this.scope.assertBelongsToProject(streamId, projectId, customerSurveyErrors.notInProject);
    const options: DispatchOptions = { effectiveAt: body.effectiveAt, ...(id ? { id } : {}) };
    return this.commands.dispatch<CustomerSurveyCommand>(
      customerSurveyAggregate,
      streamId,
      build,
      context,
      options,
    );
  }
}
