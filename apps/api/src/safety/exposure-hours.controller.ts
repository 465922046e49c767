import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandContext } from '@ledger/command-path';
import { SAFETY_ROLES, type ExposureHoursCommand, exposureHoursAggregate } from '@ledger/domain';
import { IdParamPipe, ScopedBy, Roles } from '@ledger/runtime';
import { CommandDispatcher, type CommandSender } from '../commands/command-dispatcher.service';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { newId } from '../http/new-id';
import { CorrectExposureHoursDto, RecordExposureHoursDto } from './exposure-hours-commands.dto';

/**
 * Hours worked per site and month, the denominator of the project's TRIR and LTIFR. One stream
 * per project (`exposure-<projectId>`); a correction is a new entry naming the one it replaces.
 * Roles follow SAFETY_ROLES.exposure: the CPM, the PMO or the timesheet/ERP integration.
 */
@ApiTags('safety')
@ApiBearerAuth()
@Controller('api/projects/:projectId/exposure-hours')
@Roles(...SAFETY_ROLES.exposure)
export class ExposureHoursController {
  private readonly exposureHoursCommands: CommandSender<ExposureHoursCommand>;

  constructor(private readonly commands: CommandDispatcher) {
    this.exposureHoursCommands = this.commands.for(exposureHoursAggregate);
  }

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  @ApiOperation({ summary: 'Record exposure hours per project, site and period' })
  @ScopedBy({ project: 'projectId' })
  async record(
    @Param('projectId', IdParamPipe) projectId: string,
    @Body() body: RecordExposureHoursDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const entryId = body.entryId ?? newId('exposure-entry', context);
    const { siteId, periodId, hours } = body;
    return this.exposureHoursCommands(
      projectId,
      (meta) => ({
        type: 'RecordExposureHours',
        data: { projectId, entryId, siteId, periodId, hours },
        meta,
      }),
      context,
      { id: entryId, effectiveAt: body.effectiveAt },
    );
  }

  @Post(':entryId/correction')
  @HttpCode(201)
  @ApiCreatedResponse({
    type: CommandAcceptedDto,
    description: 'The correcting entry: `id` is its entry id',
  })
  @ApiOperation({ summary: 'Correct an exposure-hours entry, with the reason' })
  @ScopedBy({ project: 'projectId' })
  async correct(
    @Param('projectId', IdParamPipe) projectId: string,
    @Param('entryId', IdParamPipe) correctsEntryId: string,
    @Body() body: CorrectExposureHoursDto,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    const entryId = newId('exposure-entry', context);
    const { hours, reason } = body;
    return this.exposureHoursCommands(
      projectId,
      (meta) => ({
        type: 'CorrectExposureHours',
        data: { projectId, entryId, correctsEntryId, hours, reason },
        meta,
      }),
      context,
      { id: entryId, effectiveAt: body.effectiveAt },
    );
  }
}
