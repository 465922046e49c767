import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Optional,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConfigService } from '@nestjs/config';
import { CommandExecutor, type CommandContext } from '@ledger/command-path';
import { generateWebhookSecret, isPublicEventType } from '@ledger/contracts';
import {
  WEBHOOK_SUBSCRIPTION_ROLES,
  webhookSubscriptionAggregate,
  webhookSubscriptionErrors,
  webhookSubscriptionStreamId,
  type WebhookSubscriptionCommand,
  type WebhookSubscriptionState,
} from '@ledger/domain';
import {
  assertProgramAccess,
  CurrentPrincipal,
  IdParamPipe,
  Roles,
  WebhookDeliveryFailures,
  WebhookDispatcher,
  WebhookSecrets,
  WebhookSubscriptionRegistry,
  webhookCheckpointName,
  WEBHOOK_SECRET_KEY,
  type Environment,
  type KnownWebhookSubscription,
  type Principal,
  type WebhookSecretKey,
} from '@ledger/runtime';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { READ_STORE, type ReadStore } from '@ledger/read-store';
import { CommandCtx } from '../../http/command-context.decorator';
import { newId } from '../../http/new-id';
import { CreateWebhookSubscriptionDto } from './webhook-subscription.dto';

const view = (subscription: KnownWebhookSubscription) => ({
  subscriptionId: subscription.subscriptionId,
  url: subscription.url,
  eventTypes: subscription.eventTypes,
  programIds: subscription.programIds,
  status: subscription.status,
  ownerId: subscription.ownerId,
});

/**
 * Webhook subscriptions (issue 11 §3): recorded as events of the webhook-subscription aggregate;
 * the secret is answered once, at creation, and kept beside the log (README, Webhooks). Someone
 * else's subscription reads as not found (an admin sees every one).
 */
@ApiTags('integration')
@ApiBearerAuth()
@Controller('api/webhook-subscriptions')
@Roles(...WEBHOOK_SUBSCRIPTION_ROLES)
export class WebhookSubscriptionsController {
  private readonly secrets: WebhookSecrets;
  private readonly failures: WebhookDeliveryFailures;
  /** Folds only the subscription events, incrementally: the list needs no read model. */
  private readonly registry: WebhookSubscriptionRegistry;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly config: ConfigService<Environment, true>,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(EVENT_STORE) eventStore: EventStore,
    // The same key as the writer process: WEBHOOK_SECRET_KEY, or the file both find in DATA_DIR.
    @Inject(WEBHOOK_SECRET_KEY) secretKey: WebhookSecretKey,
    // Absent where the writer runs in another process (PROJECTOR=external).
    @Optional() private readonly dispatcher?: WebhookDispatcher,
  ) {
    this.secrets = new WebhookSecrets(readStore, secretKey.key);
    this.failures = new WebhookDeliveryFailures(readStore);
    this.registry = new WebhookSubscriptionRegistry(eventStore);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Subscribe a URL to public events; the answer holds the secret, once' })
  async create(
    @Body() body: CreateWebhookSubscriptionDto,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    const eventTypes = body.eventTypes;
    if (eventTypes !== 'all') {
      if (!Array.isArray(eventTypes) || eventTypes.some((type) => typeof type !== 'string')) {
        throw new BadRequestException('eventTypes is a list of public event types, or "all"');
      }
      const unknown = eventTypes.filter((type) => !isPublicEventType(type));
      if (unknown.length > 0) {
        throw new BadRequestException(`not public event types: ${unknown.join(', ')}`);
      }
    }
    body.programIds.forEach((programId) => assertProgramAccess(principal, programId));
    const subscriptionId = newId('webhook-subscription', context);
    // An idempotent retry answers the secret it created the first time.
    const secret = (await this.secrets.load(subscriptionId)) ?? generateWebhookSecret();
    await this.secrets.save(subscriptionId, secret);
    const allowHttpLoopback = this.config.get('WEBHOOK_ALLOW_LOOPBACK', { infer: true }) === 'true';
    await this.send(subscriptionId, context, {
      type: 'CreateWebhookSubscription',
      data: {
        subscriptionId,
        url: body.url,
        eventTypes,
        programIds: body.programIds,
        urlPolicy: { allowHttpLoopback },
      },
    });
    return { ...view(await this.owned(principal, subscriptionId)), secret };
  }

  @Get()
  @ApiOperation({ summary: 'Your webhook subscriptions (no secrets)' })
  async list(@CurrentPrincipal() principal: Principal) {
    await this.registry.refresh();
    return this.registry
      .all()
      .filter((s) => s.status !== 'deleted' && this.visibleTo(principal, s))
      .map(view);
  }

  @Get(':subscriptionId')
  @ApiOperation({ summary: 'One webhook subscription (no secret)' })
  async get(
    @Param('subscriptionId', IdParamPipe) subscriptionId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    return view(await this.owned(principal, subscriptionId));
  }

  @Delete(':subscriptionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook subscription (its secret is destroyed)' })
  async remove(
    @Param('subscriptionId', IdParamPipe) subscriptionId: string,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ): Promise<void> {
    await this.owned(principal, subscriptionId);
    await this.send(subscriptionId, context, { type: 'DeleteWebhookSubscription', data: {} });
    await this.secrets.remove(subscriptionId);
  }

  @Post(':subscriptionId/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause deliveries' })
  async pause(
    @Param('subscriptionId', IdParamPipe) subscriptionId: string,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    await this.owned(principal, subscriptionId);
    await this.send(subscriptionId, context, { type: 'PauseWebhookSubscription', data: {} });
    return view(await this.owned(principal, subscriptionId));
  }

  @Post(':subscriptionId/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume deliveries from where they stopped' })
  async resume(
    @Param('subscriptionId', IdParamPipe) subscriptionId: string,
    @CurrentPrincipal() principal: Principal,
    @CommandCtx() context: CommandContext,
  ) {
    await this.owned(principal, subscriptionId);
    await this.send(subscriptionId, context, { type: 'ResumeWebhookSubscription', data: {} });
    return view(await this.owned(principal, subscriptionId));
  }

  @Get(':subscriptionId/deliveries')
  @ApiOperation({ summary: 'Failed delivery attempts, newest first' })
  async deliveries(
    @Param('subscriptionId', IdParamPipe) subscriptionId: string,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.owned(principal, subscriptionId);
    const failures = await this.failures.list(subscriptionId);
    return failures.map(({ eventId, eventPosition, attemptedAt, reason, consecutiveFailures }) => ({
      eventId,
      position: eventPosition,
      attemptedAt,
      reason,
      consecutiveFailures,
    }));
  }

  @Post(':subscriptionId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Re-deliver from a log position (inclusive)' })
  async replay(
    @Param('subscriptionId', IdParamPipe) subscriptionId: string,
    @Query('from') from: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    await this.owned(principal, subscriptionId);
    if (from === undefined || !/^[0-9]{1,16}$/.test(from) || Number(from) < 1) {
      throw new BadRequestException('from is a log position (a positive integer)');
    }
    const position = Number(from);
    if (this.dispatcher) await this.dispatcher.replay(subscriptionId, position);
    else await this.readStore.saveCheckpoint(webhookCheckpointName(subscriptionId), position - 1);
    return { subscriptionId, from: position };
  }

  private async load(subscriptionId: string): Promise<WebhookSubscriptionState> {
    const streamId = webhookSubscriptionStreamId(subscriptionId);
    return (await this.executor.load(webhookSubscriptionAggregate, streamId)).state;
  }

  private visibleTo(principal: Principal, subscription: KnownWebhookSubscription): boolean {
    return subscription.ownerId === principal.sub || principal.roles.includes('admin');
  }

  /** The caller's live subscription, or not-found (someone else's is not theirs to learn of). */
  private async owned(
    principal: Principal,
    subscriptionId: string,
  ): Promise<KnownWebhookSubscription> {
    const state = await this.load(subscriptionId);
    if (
      state.status === 'absent' ||
      state.status === 'deleted' ||
      !this.visibleTo(principal, state)
    ) {
      throw webhookSubscriptionErrors.notFound();
    }
    return state;
  }

  private async send(
    subscriptionId: string,
    context: CommandContext,
    command: Omit<WebhookSubscriptionCommand, 'meta'>,
  ): Promise<void> {
    await this.executor.execute(
      webhookSubscriptionAggregate,
      webhookSubscriptionStreamId(subscriptionId),
      (meta) => ({ ...command, meta }) as WebhookSubscriptionCommand,
      context,
    );
  }
}
