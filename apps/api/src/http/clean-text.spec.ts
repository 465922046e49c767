import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { cleanTextProblem, IsCleanText } from './clean-text';

class Sample {
  @IsCleanText({ maxLength: 10 })
  name!: string;

  @IsCleanText({ maxLength: 100, multiline: true })
  description!: string;

  @IsCleanText({ maxLength: 5, each: true })
  tags!: string[];
}

const check = (body: Record<string, unknown>) => {
  const instance = plainToInstance(Sample, { name: 'n', description: 'd', tags: ['t'], ...body });
  const errors = validateSync(instance);
  return {
    instance,
    problems: errors.flatMap((error) =>
      Object.keys(error.constraints ?? {}).map((rule) => `${error.property}:${rule}`),
    ),
    messages: errors.flatMap((error) => Object.values(error.constraints ?? {})),
  };
};

describe('clean text (free-text fields of every command)', () => {
  it.each([
    ['plain text', 'Core sites', false],
    ['accents, CJK, emoji (a surrogate pair), RLM-free Arabic', 'Café 東京 📡 مرحبا', false],
    ['leading and trailing spaces (kept as sent)', ' x ', false],
  ])('accepts %s', (_label, text, multiline) => {
    expect(cleanTextProblem(text, multiline)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['spaces only', '   '],
    ['tabs, newlines and no-break spaces only', '\t\n\u00A0\u3000'],
    ['zero-width space only', '\u200B'],
    ['NUL', 'a\u0000b'],
    ['ESC (terminal escapes)', 'a\u001B[31mb'],
    ['DEL', 'a\u007Fb'],
    ['a C1 control', 'a\u0085b'],
    ['carriage return', 'a\rb'],
    ['line separator U+2028', 'a\u2028b'],
    ['right-to-left override U+202E', 'invoice\u202Efdp.exe'],
    ['left-to-right embedding U+202A', '\u202Ax'],
    ['first strong isolate U+2068', 'x\u2068y'],
    ['pop directional isolate U+2069', 'x\u2069'],
    ['a lone high surrogate', 'a\uD83Db'],
    ['a lone low surrogate', 'a\uDCA1b'],
    ['a low surrogate before its high one', '\uDCA1\uD83D'],
  ])('refuses %s, single-line and multi-line', (_label, text) => {
    expect(cleanTextProblem(text, false)).not.toBeNull();
    expect(cleanTextProblem(text, true)).not.toBeNull();
  });

  it('allows \\n and \\t in multi-line text only', () => {
    expect(cleanTextProblem('line 1\n\tline 2', true)).toBeNull();
    expect(cleanTextProblem('line 1\nline 2', false)).toMatch(/U\+000A.*single-line/);
    expect(cleanTextProblem('a\tb', false)).toMatch(/U\+0009/);
  });

  it('names what it refuses and where', () => {
    expect(cleanTextProblem('ab\u202Ec')).toBe('must not contain bidi control U+202E (at 2)');
    expect(cleanTextProblem('a\uD83D')).toBe(
      'must not contain an unpaired surrogate (U+D83D at 1)',
    );
  });

  it('normalises to NFC before checking the length', () => {
    const decomposed = 'Cafe\u0301'; // 5 code units, NFC "Café" is 4
    const { instance, problems } = check({ name: `${decomposed}xxxxxx` }); // NFC: 10 units
    expect(problems).toEqual([]);
    expect(instance.name).toBe('Caf\u00E9xxxxxx');
  });

  it('refuses with rule isCleanText naming the field, after IsString and MaxLength', () => {
    expect(check({ name: 'a\u0000' }).problems).toEqual(['name:isCleanText']);
    expect(check({ name: 'a\u0000' }).messages).toEqual([
      'name must not contain control character U+0000 (at 1); it is single-line text',
    ]);
    expect(check({ description: 'ok\nfine\u202E' }).problems).toEqual(['description:isCleanText']);
    expect(check({ name: 42 }).problems).toEqual(['name:isString', 'name:maxLength']);
    expect(check({ name: 'x'.repeat(11) }).problems).toEqual(['name:maxLength']);
  });

  it('checks and normalises each element of an array', () => {
    const { instance, problems } = check({ tags: ['Cafe\u0301', 'ok'] });
    expect(problems).toEqual([]);
    expect(instance.tags).toEqual(['Caf\u00E9', 'ok']);
    const bad = check({ tags: ['ok', ' '] });
    expect(bad.problems).toEqual(['tags:isCleanText']);
    expect(bad.messages).toEqual(['tags must not be empty or only whitespace']);
  });
});
