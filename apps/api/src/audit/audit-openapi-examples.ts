import type { StreamVerification } from '@ledger/audit';
import type {
  CheckpointView,
  ConsistencyProofAnswer,
  InclusionProofAnswer,
} from './audit-proofs.controller';
import type { VerificationJob } from './verification-jobs.service';

/**
 * Response examples of the proof and verification routes in the OpenAPI document (issue 10,
 * "in the README and OpenAPI with examples"). Typed as the answers they illustrate, so a changed
 * answer shape fails to compile here instead of leaving a stale example behind.
 */

const hex = (seed: string): string => seed.repeat(64).slice(0, 64);

export const CHECKPOINT_EXAMPLE: CheckpointView = {
  size: 2000,
  lastPosition: 2000,
  rootHash: hex('9c1f'),
  timestamp: '2026-03-05T09:00:12.000Z',
  keyId: '3f2a9b0c41d7e6a5',
  signature: 'mEUCIQDx…base64 Ed25519 signature…==',
};

export const PUBLIC_KEY_EXAMPLE = {
  algorithm: 'Ed25519',
  keyId: '3f2a9b0c41d7e6a5',
  pem: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA…\n-----END PUBLIC KEY-----\n',
};

export const CHECKPOINT_PAGE_EXAMPLE: { items: CheckpointView[]; nextAfterSize: number | null } = {
  items: [
    { ...CHECKPOINT_EXAMPLE, size: 1000, lastPosition: 1000, rootHash: hex('51be') },
    CHECKPOINT_EXAMPLE,
  ],
  nextAfterSize: 2000,
};

export const INCLUSION_PROOF_EXAMPLE: InclusionProofAnswer = {
  position: 42,
  streamId: 'project-7d0c2a5e-1b7f-4c39-9a51-0b8f2e1d6c44',
  revision: 3,
  leafIndex: 41,
  eventHash: hex('a3'),
  leafHash: hex('0d'),
  auditPath: [hex('e1'), hex('47'), hex('b9')],
  checkpoint: CHECKPOINT_EXAMPLE,
};

export const CONSISTENCY_PROOF_EXAMPLE: ConsistencyProofAnswer = {
  from: CHECKPOINT_PAGE_EXAMPLE.items[0] ?? CHECKPOINT_EXAMPLE,
  to: CHECKPOINT_EXAMPLE,
  proof: [hex('51be'), hex('c4')],
};

export const VERIFICATION_RUNNING_EXAMPLE: VerificationJob = {
  id: '0f6b1c52-8a3e-4d1f-b2c7-5e9a4d3c2b10',
  status: 'running',
  startedAt: '2026-03-05T10:00:00.000Z',
  startedBy: 'audrey',
  finishedAt: null,
  progress: { checked: 12000, total: 48210, position: 12000 },
  result: null,
  error: null,
};

export const VERIFICATION_DONE_EXAMPLE: VerificationJob = {
  ...VERIFICATION_RUNNING_EXAMPLE,
  status: 'done',
  finishedAt: '2026-03-05T10:00:04.120Z',
  progress: { checked: 48210, total: 48210, position: 48210 },
  result: {
    valid: false,
    checkedEvents: 48210,
    checkpoints: 48,
    unsignedEvents: 210,
    rootHash: hex('77'),
    problems: [
      {
        kind: 'content-altered',
        position: 42,
        streamId: 'project-7d0c2a5e-1b7f-4c39-9a51-0b8f2e1d6c44',
        revision: 3,
        detail: `content does not match its stored hash ${hex('a3')}`,
      },
      {
        kind: 'checkpoint-root-mismatch',
        checkpointSize: 1000,
        position: 1,
        toPosition: 1000,
        detail: `the tree of the first 1000 events is ${hex('66')}, the checkpoint signed ${hex('51be')}: …`,
      },
    ],
  },
};

export const STREAM_VERIFICATION_EXAMPLE: StreamVerification = {
  valid: true,
  streamId: 'project-7d0c2a5e-1b7f-4c39-9a51-0b8f2e1d6c44',
  checkedEvents: 8,
  problems: [],
};

/** The first lines of a bundle (docs/EVIDENCE-BUNDLE.md has the format). */
export const EVIDENCE_BUNDLE_EXAMPLE = [
  '{"kind":"manifest","format":"delivery-ledger evidence bundle","formatVersion":2,"tool":{"name":"delivery-ledger","version":"0.1.0"},"exportedAt":"2026-03-05T10:00:00.000Z","scope":{"programId":"pg-1"},"coverage":{"treeSize":2000,"lastPosition":2000,"note":"…"},"checkpoint":{"size":2000,"lastPosition":2000,"rootHash":"…","timestamp":"…","keyId":"3f2a9b0c41d7e6a5","signature":"…"},"publicKey":"-----BEGIN PUBLIC KEY-----…"}',
  '{"kind":"event","leaf":0,"event":{"id":"…","type":"ProgramCreated","schemaVersion":1,"streamId":"program-pg-1","revision":0,"position":1,"recordedAt":"…","prevHash":"000…","hash":"…","data":{…},"metadata":{…}}}',
  '{"kind":"proof","leaf":0,"path":["…","…"]}',
  '{"kind":"trailer","events":7,"proofs":7,"streams":3,"lines":16,"heads":[{"streamId":"program-pg-1","revision":1,"hash":"…","events":2}]}',
].join('\n');
