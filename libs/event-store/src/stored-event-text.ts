import type { EventStore } from './event-store.port';
import type { RecordedEvent } from './event-envelope';
import { adapterCapability } from './adapter-capability';

/** A stored event with its bodies as the exact stored text (what the append hashed), unparsed. */
export type StoredEventText = Omit<RecordedEvent, 'data' | 'metadata'> & {
  readonly dataJson: string;
  readonly metadataJson: string;
};

/**
 * What an adapter that stores the canonical texts can offer verification (P10): $all as stored,
 * without parsing the bodies, so a hash is recomputed from the text itself. SQLite does;
 * KurrentDB does not (its client hands over parsed JSON), and verification there recomputes from
 * the parsed event, which is equally correct, only slower.
 */
export interface StoredTextReader {
  /** One page of $all strictly after `after`, in position order, bodies as stored text. */
  readAllStoredText(options: {
    readonly after?: number;
    readonly maxCount: number;
  }): Promise<StoredEventText[]>;
}

/** The stored-text reader of the store under any upcasting decorator, if its adapter has one. */
export function storedTextReader(store: EventStore): StoredTextReader | undefined {
  return adapterCapability<StoredTextReader>(store, 'readAllStoredText');
}
