import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type CommandContext } from '@ledger/command-path';
import {
  SURVEY_ROLES,
  type CustomerSurveyCommand,
  customerSurveyAggregate,
  customerSurveyErrors,
} from '@ledger/domain';
import { IdParamPipe, ScopedBy, type RouteScope, Roles } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { EffectiveAtDto } from '../http/effective-at.dto';
import { newId } from '../http/new-id';
import { IssueSurveyDto, RecordSurveyResponseDto } from './survey-commands.dto';

/** Routes on one survey: the project in the caller's claim, the survey in that project. */
const SURVEY_ROUTE: RouteScope = {
  project: 'projectId',
  child: {
    param: 'surveyId',
    of: customerSurveyAggregate,
    notInProject: customerSurveyErrors.notInProject,
  },
};

/**
 * Customer-satisfaction surveys of a project. Roles follow the domain's SURVEY_ROLES: the CPM or
 * the PMO issue and close a survey; responses also come from care and the survey-tool integration.
 */
@ApiTags('surveys')
@ApiBearerAuth()
@Controller('api/projects/:projectId/surveys')
export class SurveysController {
  private readonly customerSurveyCommands: CommandSender<CustomerSurveyCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.customerSurveyCommands = this.commands.for(customerSurveyAggregate);
  }

  @Post()
  @HttpCode(201)
  @Roles(...SURVEY_ROLES.manage)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Issue a customer satisfaction survey' })
  @ScopedBy({ project: 'projectId' })
  async issue(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: IssueSurveyDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const surveyId = newId('survey', context);
    const respondentRefs = body.respondentRefs ?? null;
    return this.customerSurveyCommands(
      surveyId,
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
  @ScopedBy(SURVEY_ROUTE)
  recordResponse(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('surveyId', IdParamPipe) surveyId: string,
    @Body() body: RecordSurveyResponseDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const responseId = body.responseId ?? newId('survey-response', context);
    const { nps, csat } = body;
    return this.customerSurveyCommands(
      surveyId,
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
      context,
      { effectiveAt: body.effectiveAt, id: responseId },
    );
  }

  @Post(':surveyId/close')
  @HttpCode(200)
  @Roles(...SURVEY_ROLES.manage)
  @ApiOkResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Close a survey (NPS and CSAT computed)' })
  @ScopedBy(SURVEY_ROUTE)
  close(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('surveyId', IdParamPipe) surveyId: string,
    @Body() body: EffectiveAtDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    return this.customerSurveyCommands(
      surveyId,
      (meta) => ({
        type: 'CloseSurvey',
        data: {},
        meta,
      }),
      context,
      { effectiveAt: body.effectiveAt },
    );
  }
}
