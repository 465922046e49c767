import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { deterministicUuid, programAggregate, type CommandContext } from '@ledger/command-path';
import { programStreamId, type CreateProgram } from '@ledger/domain';
import { Roles } from '../auth/auth.decorators';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { assertMayCreatePrograms } from '../auth/program-access';
import { CommandAcceptedDto } from '../http/command-accepted.dto';
import { CommandCtx } from '../http/command-context.decorator';
import { LedgerCommand } from '../commands/ledger.command';
import { CreateProgramDto } from './create-program.dto';

@ApiTags('programs')
@ApiBearerAuth()
@Controller('api/programs')
export class ProgramsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('project-manager', 'pmo', 'admin')
  @ApiCreatedResponse({ type: CommandAcceptedDto })
  async create(
    @Body() body: CreateProgramDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<CommandAcceptedDto> {
    assertMayCreatePrograms(principal);
    // With an Idempotency-Key the new id is derived from it, so a retry lands on the same stream.
    const programId = context.idempotency
      ? deterministicUuid(`program\n${principal.sub}\n${context.idempotency.key}`)
      : randomUUID();
    const outcome = await this.commandBus.execute(
      new LedgerCommand<CreateProgram>(
        programAggregate,
        programStreamId(programId),
        (meta) => ({
          type: 'CreateProgram',
          data: {
            programId,
            name: body.name,
            customer: { id: body.customer.id, name: body.customer.name },
          },
          meta,
        }),
        {
          ...context,
          ...(body.effectiveAt ? { effectiveAt: new Date(body.effectiveAt).toISOString() } : {}),
        },
      ),
    );
    return CommandAcceptedDto.of(outcome, programId);
  }
}
