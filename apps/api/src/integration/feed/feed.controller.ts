import { BadRequestException, Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { assertProgramAccess, CurrentPrincipal, Roles, type Principal } from '@ledger/runtime';
import { InvalidFeedCursorError, resumePositionOf } from './feed-cursor';
import { FeedFilter, InvalidFeedFilterError } from './feed-filter';
import { FeedService } from './feed.service';

/**
 * GET /api/feed: the public events as Server-Sent Events (issue 11 §2), for downstream systems.
 * Everything that can refuse the request (filter, cursor, program claim, connection limits) is
 * checked before the reply is taken over, so refusals are ordinary problem+json answers.
 */
@ApiTags('integration')
@Controller('api/feed')
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  @Get()
  @Roles('integration', 'admin')
  @ApiOperation({
    summary:
      'Public CloudEvents of your programs as Server-Sent Events, resumable by Last-Event-ID',
  })
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'after', required: false, description: 'Start after this sequence' })
  @ApiQuery({
    name: 'type',
    required: false,
    isArray: true,
    description: 'Public types (or a comma list)',
  })
  @ApiQuery({ name: 'programId', required: false })
  @ApiQuery({
    name: 'live',
    required: false,
    enum: ['true', 'false'],
    description: 'false: end at the head',
  })
  open(
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Query('after') after: string | undefined,
    @Query('type') type: string | string[] | undefined,
    @Query('programId') programId: string | undefined,
    @Query('live') live: string | undefined,
    @Res() reply: FastifyReply,
  ): void {
    const filter = badRequestOn(() => FeedFilter.from(principal, type, single(programId)));
    if (filter.requestedProgram !== undefined)
      assertProgramAccess(principal, filter.requestedProgram);
    const position = badRequestOn(() => resumePositionOf(lastEventId, single(after)));
    if (live !== undefined && live !== 'true' && live !== 'false')
      throw new BadRequestException('live is true or false');
    const release = this.feed.reserve(principal.sub);

    reply.hijack();
    const headers = Object.fromEntries(
      Object.entries(reply.getHeaders()).filter(([, value]) => value !== undefined),
    );
    reply.raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Reverse proxies (nginx) would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    void this.feed.serve(
      {
        subject: principal.sub,
        correlationId: reply.request.id,
        after: position,
        filter,
        follow: live !== 'false',
      },
      reply.raw,
      release,
    );
  }
}

/** A repeated single-valued parameter is a client error, not "the first one wins". */
function single(value: string | string[] | undefined): string | undefined {
  if (Array.isArray(value)) throw new BadRequestException('a query parameter is repeated');
  return value;
}

function badRequestOn<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InvalidFeedCursorError || error instanceof InvalidFeedFilterError)
      throw new BadRequestException(error.message);
    throw error;
  }
}
