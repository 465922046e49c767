import { InvalidFeedCursorError, resumePositionOf } from './feed-cursor';

describe('resumePositionOf', () => {
  it('starts at the beginning of the log without a cursor', () => {
    expect(resumePositionOf(undefined, undefined)).toBe(0);
    expect(resumePositionOf('', '  ')).toBe(0);
  });

  it('reads a zero-padded sequence or a plain position', () => {
    expect(resumePositionOf('0000000000000042', undefined)).toBe(42);
    expect(resumePositionOf(undefined, '17')).toBe(17);
  });

  it('prefers Last-Event-ID (updated by the client on every message) over ?after', () => {
    expect(resumePositionOf('0000000000000050', '10')).toBe(50);
  });

  it('refuses what is not a position', () => {
    for (const bad of ['-1', '1.5', 'abc', '12345678901234567', '0x10']) {
      expect(() => resumePositionOf(bad, undefined)).toThrow(InvalidFeedCursorError);
      expect(() => resumePositionOf(undefined, bad)).toThrow(InvalidFeedCursorError);
    }
  });
});
