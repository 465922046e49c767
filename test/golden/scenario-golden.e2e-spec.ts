import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureScenario, GOLDEN_NOW } from './capture';

/**
 * Issue 8, "How it is checked": the HTTP answers, stored events and read-model documents of the
 * delivery-program scenario are byte-for-byte those captured before the refactor
 * (`scenario.golden.json`). `UPDATE_GOLDEN=1` rewrites the golden file instead of comparing (do
 * that only for a deliberate change of behaviour, and say so in the commit); `GOLDEN_FILE` names
 * another file to compare with.
 */
const GOLDEN = process.env['GOLDEN_FILE'] ?? join(__dirname, 'scenario.golden.json');

describe('The scenario’s answers, events and read models against the golden capture', () => {
  beforeAll(() => {
    // Only Date is faked (timers, ticks and I/O stay real), so "now" is the same on every run.
    jest.useFakeTimers({
      now: GOLDEN_NOW,
      advanceTimers: true,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });
  afterAll(() => jest.useRealTimers());

  it('replays the story and finds every answer, event and document unchanged', async () => {
    const captured = `${JSON.stringify(await captureScenario(), null, 1)}\n`;
    if (process.env['UPDATE_GOLDEN'] === '1') {
      writeFileSync(GOLDEN, captured);
      return;
    }
    expect(existsSync(GOLDEN)).toBe(true);
    const golden = readFileSync(GOLDEN, 'utf8');
    if (captured !== golden) {
      const actual = join(tmpdir(), 'scenario.actual.json');
      writeFileSync(actual, captured);
      const got = captured.split('\n');
      const want = golden.split('\n');
      const line = got.findIndex((text, index) => text !== want[index]);
      const at = line === -1 ? want.length : line;
      expect({
        differsAt: `line ${at + 1} (diff ${GOLDEN} ${actual})`,
        captured: got.slice(Math.max(0, at - 5), at + 5),
      }).toEqual({
        differsAt: `line ${at + 1} (diff ${GOLDEN} ${actual})`,
        captured: want.slice(Math.max(0, at - 5), at + 5),
      });
    }
    expect(captured === golden).toBe(true);
  });
});
