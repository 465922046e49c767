/**
 * One step of an event's schema history: turns the data of `type` stored at `fromVersion` into
 * its shape at `fromVersion + 1` (P6). Stored events are never rewritten (DOMAIN principle 1);
 * readers run old events through these steps. Pure and JSON in, JSON out.
 */
export interface EventUpcaster {
  readonly type: string;
  readonly fromVersion: number;
  upcast(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
}
