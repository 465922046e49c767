import { Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { ProjectionEngine } from '@ledger/projections';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { readModelErrors } from './read-model.errors';
import { ReadModelRebuilds, type RebuildStatus } from './read-model-rebuilds.service';

export interface ReadModelStatus {
  readonly name: string;
  readonly collection: string;
  /** The log position the read model has applied, and the log's head: the lag is the gap. */
  readonly checkpoint: number;
  readonly head: number;
  readonly documents: number;
  readonly rebuild: RebuildStatus | null;
}

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Operators' view of the read models this process writes, and their rebuilds (`ledger rebuild`
 * drives these routes and draws the progress). Served by the api in embedded mode and by
 * apps/projector in production: only the writer can swap a rebuilt collection in safely.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/admin/read-models')
export class ReadModelsAdminController {
  constructor(
    private readonly engine: ProjectionEngine,
    private readonly rebuilds: ReadModelRebuilds,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({
    description: '{ items: [{ name, collection, checkpoint, head, documents, rebuild }] }',
  })
  @ApiOperation({ summary: 'Read models with their checkpoints and rebuild status' })
  async list(): Promise<{ items: ReadModelStatus[] }> {
    const head = await this.eventStore.headPosition();
    const items = await Promise.all(
      this.engine.readModels().map((name) => this.status(name, head)),
    );
    return { items };
  }

  @Get(':name')
  @Roles('admin')
  @ApiOkResponse({ description: 'One read model: checkpoint, head, documents, latest rebuild' })
  @ApiOperation({ summary: "One read model's checkpoint and rebuild status" })
  async get(@Param('name') name: string): Promise<ReadModelStatus> {
    return this.status(this.known(name), await this.eventStore.headPosition());
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('admin')
  @ApiAcceptedResponse({
    description: 'Started: replays into a fresh collection, swaps it in when caught up',
  })
  @ApiOperation({ summary: 'Rebuild a read model into a fresh collection and swap it in' })
  rebuild(
    @Param('name') name: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): RebuildStatus {
    return this.rebuilds.start(this.known(name), principal.sub, request.id);
  }

  private known(name: string): string {
    if (!NAME.test(name) || !this.engine.readModels().includes(name)) {
      throw readModelErrors.notFound(name.slice(0, 80), this.engine.readModels());
    }
    return name;
  }

  private async status(name: string, head: number): Promise<ReadModelStatus> {
    const collection = this.engine.collectionOf(name) ?? name;
    return {
      name,
      collection,
      checkpoint: this.engine.position(name) ?? 0,
      head,
      documents: await this.readStore.count(collection),
      rebuild: this.rebuilds.status(name),
    };
  }
}
