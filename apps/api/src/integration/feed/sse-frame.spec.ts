import type { PublicCloudEvent } from '@ledger/contracts';
import { publicEventFrame, sseComment, sseMessage, sseRetry } from './sse-frame';

describe('SSE framing', () => {
  it('frames a message as id, event and data lines ended by a blank line', () => {
    expect(sseMessage('0000000000000042', 'com.x.v1', '{"a":1}')).toBe(
      'id: 0000000000000042\nevent: com.x.v1\ndata: {"a":1}\n\n',
    );
  });

  it('splits a multi-line payload into one data field per line (the client joins them)', () => {
    expect(sseMessage('1', 'e', 'a\nb\r\nc')).toBe(
      'id: 1\nevent: e\ndata: a\ndata: b\ndata: c\n\n',
    );
  });

  it('frames a public event as sseMessage does, its line breaks escaped in one data line', () => {
    const message = {
      sequence: '0000000000000042',
      type: 'com.delivery-ledger.program.created.v1',
      data: { name: 'North\r\nSouth\u2028' },
    } as unknown as PublicCloudEvent;

    const frame = publicEventFrame(message);

    expect(frame).toBe(sseMessage(message.sequence, message.type, JSON.stringify(message)));
    expect(frame.split('\n').filter((line) => line.startsWith('data: '))).toHaveLength(1);
  });

  it('refuses an id or event name with a line break (it would end the field early)', () => {
    expect(() => sseMessage('1\nevent: forged', 'e', '{}')).toThrow(RangeError);
    expect(() => sseMessage('1', 'e\r', '{}')).toThrow(RangeError);
    expect(() => sseComment('a\nb')).toThrow(RangeError);
  });

  it('frames retry and comments', () => {
    expect(sseRetry(3000)).toBe('retry: 3000\n\n');
    expect(sseRetry(-5)).toBe('retry: 0\n\n');
    expect(sseComment('heartbeat')).toBe(': heartbeat\n\n');
  });
});
