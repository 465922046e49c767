import type { KeyObject } from 'node:crypto';
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  auditErrors,
  consistencyProof,
  eventHashBytes,
  eventLogLeaves,
  inclusionProof,
  keyIdOf,
  leafHash,
  publicKeyPem,
  storedLog,
  type SignedCheckpoint,
} from '@ledger/audit';
import {
  CHECKPOINT_STORE,
  EVENT_STORE,
  type CheckpointStore,
  type EventStore,
  type StoredCheckpoint,
} from '@ledger/event-store';
import { Roles } from '@ledger/runtime';
import { AUDIT_PUBLIC_KEY } from './audit-public-key';
import {
  CheckpointListQueryDto,
  ConsistencyProofQueryDto,
  InclusionProofQueryDto,
} from './audit-proofs.dto';
import {
  CHECKPOINT_PAGE_EXAMPLE,
  CONSISTENCY_PROOF_EXAMPLE,
  INCLUSION_PROOF_EXAMPLE,
  PUBLIC_KEY_EXAMPLE,
} from './audit-openapi-examples';

/** A signed checkpoint as served: what was signed plus who signed (the frontier stays inside). */
export type CheckpointView = SignedCheckpoint;

export interface InclusionProofAnswer {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  /** The event's index in the tree (its 0-based place in $all). */
  readonly leafIndex: number;
  /** The event's stored hash (the leaf's data). */
  readonly eventHash: string;
  /** RFC 9162 leaf hash: SHA-256(0x00 ‖ event hash bytes). */
  readonly leafHash: string;
  /** Sibling hashes, innermost first (RFC 9162 §2.1.3). */
  readonly auditPath: readonly string[];
  readonly checkpoint: CheckpointView;
}

export interface ConsistencyProofAnswer {
  readonly from: CheckpointView;
  readonly to: CheckpointView;
  /** RFC 9162 §2.1.4 proof that `from`'s tree is a prefix of `to`'s (empty when equal). */
  readonly proof: readonly string[];
}

/**
 * Roles for the proof routes. Program scope: these answer hashes, sizes, positions and stream
 * ids, never an event's content, and a proof that the log is whole is about the WHOLE log (an
 * auditor of one program must be able to check the tree their events sit in), so they are not
 * narrowed by the programs claim. The content itself stays behind the program-scoped routes.
 */
const PROOF_READERS = ['auditor', 'pmo', 'admin'] as const;

/**
 * The log's proofs (issue 10 §2), thin over @ledger/audit: the public key, the signed
 * checkpoints, and RFC 9162 inclusion and consistency proofs against them. A proof is computed
 * in one streaming pass over the stored event hashes (memory O(log n)).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditProofsController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore | null,
    @Inject(AUDIT_PUBLIC_KEY) private readonly publicKey: KeyObject,
  ) {}

  @Get('public-key')
  @Roles(...PROOF_READERS)
  @ApiOkResponse({
    description: '{ algorithm: "Ed25519", keyId: "3f2a…", pem: "-----BEGIN PUBLIC KEY-----…" }',
    schema: { example: PUBLIC_KEY_EXAMPLE },
  })
  @ApiOperation({ summary: 'The Ed25519 public key checkpoints are signed with, and its key id' })
  publicKeyOf(): { algorithm: 'Ed25519'; keyId: string; pem: string } {
    return {
      algorithm: 'Ed25519',
      keyId: keyIdOf(this.publicKey),
      pem: publicKeyPem(this.publicKey),
    };
  }

  @Get('checkpoints')
  @Roles(...PROOF_READERS)
  @ApiOkResponse({
    description:
      '{ items: [{ size: 1000, lastPosition: 1000, rootHash, timestamp, keyId, signature }], ' +
      'nextAfterSize: 1000 | null }',
    schema: { example: CHECKPOINT_PAGE_EXAMPLE },
  })
  @ApiOperation({ summary: 'The signed checkpoints (tree heads) in increasing size, paged' })
  async list(
    @Query() query: CheckpointListQueryDto,
  ): Promise<{ items: CheckpointView[]; nextAfterSize: number | null }> {
    const limit = query.limit ?? 50;
    const page = await this.store().list({ afterSize: query.afterSize ?? -1, maxCount: limit });
    return {
      items: page.map(viewOf),
      nextAfterSize: page.length === limit ? (page.at(-1)?.size ?? null) : null,
    };
  }

  @Get('proofs/inclusion')
  @Roles(...PROOF_READERS)
  @ApiOkResponse({
    description:
      '{ position, streamId, revision, leafIndex, eventHash, leafHash, auditPath: [hex], checkpoint }',
    schema: { example: INCLUSION_PROOF_EXAMPLE },
  })
  @ApiOperation({
    summary: 'RFC 9162 inclusion proof of the event at a position in a signed checkpoint',
  })
  async inclusion(@Query() query: InclusionProofQueryDto): Promise<InclusionProofAnswer> {
    const event = await this.leafAt(query.position);
    const checkpoint =
      query.checkpoint === undefined
        ? await this.store().atOrAfter(event.leafIndex + 1)
        : await this.checkpointOfSize(query.checkpoint);
    if (!checkpoint) throw auditErrors.noCheckpointCoversEvent(query.position, event.leafIndex);
    if (checkpoint.size <= event.leafIndex)
      throw auditErrors.checkpointDoesNotCoverEvent(
        checkpoint.size,
        query.position,
        event.leafIndex,
      );
    const path = await inclusionProof(
      eventLogLeaves(this.eventStore),
      event.leafIndex,
      checkpoint.size,
    );
    return {
      position: query.position,
      streamId: event.streamId,
      revision: event.revision,
      leafIndex: event.leafIndex,
      eventHash: event.hash,
      leafHash: leafHash(eventHashBytes(event.hash)).toString('hex'),
      auditPath: path.map((hash) => hash.toString('hex')),
      checkpoint: viewOf(checkpoint),
    };
  }

  @Get('proofs/consistency')
  @Roles(...PROOF_READERS)
  @ApiOkResponse({
    description: '{ from: checkpoint, to: checkpoint, proof: [hex] }',
    schema: { example: CONSISTENCY_PROOF_EXAMPLE },
  })
  @ApiOperation({
    summary: 'RFC 9162 consistency proof between two signed checkpoints (the log only grew)',
  })
  async consistency(@Query() query: ConsistencyProofQueryDto): Promise<ConsistencyProofAnswer> {
    if (query.from > query.to) throw auditErrors.consistencyOrder(query.from, query.to);
    const from = await this.checkpointOfSize(query.from);
    const to = await this.checkpointOfSize(query.to);
    const proof =
      from.size === to.size
        ? []
        : await consistencyProof(eventLogLeaves(this.eventStore), from.size, to.size);
    return {
      from: viewOf(from),
      to: viewOf(to),
      proof: proof.map((hash) => hash.toString('hex')),
    };
  }

  private store(): CheckpointStore {
    if (!this.checkpoints) throw auditErrors.checkpointsNotKept();
    return this.checkpoints;
  }

  private async checkpointOfSize(size: number): Promise<StoredCheckpoint> {
    const [checkpoint] = await this.store().list({ afterSize: size - 1, maxCount: 1 });
    if (!checkpoint || checkpoint.size !== size) throw auditErrors.checkpointNotFound(size);
    return checkpoint;
  }

  /** The event at `position` and its leaf index, by one streaming pass (positions may be sparse). */
  private async leafAt(
    position: number,
  ): Promise<{ leafIndex: number; streamId: string; revision: number; hash: string }> {
    let leafIndex = 0;
    for await (const event of storedLog(this.eventStore)) {
      if (event.position === position)
        return { leafIndex, streamId: event.streamId, revision: event.revision, hash: event.hash };
      if (event.position > position) break;
      leafIndex += 1;
    }
    throw auditErrors.eventNotFound(position);
  }
}

function viewOf(checkpoint: StoredCheckpoint): CheckpointView {
  return {
    size: checkpoint.size,
    lastPosition: checkpoint.lastPosition,
    rootHash: checkpoint.rootHash,
    timestamp: checkpoint.timestamp,
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
  };
}
