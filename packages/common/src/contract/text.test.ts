import { z } from 'zod';
import { cleanText, isCleanText, wellFormed } from './text';

describe('clean text', () => {
  it.each([
    ['plain text', 'Oak desk, 140 cm', true],
    ['accents, emoji and other scripts', 'Café ☕ 東京 🚀', true],
    ['a NUL', 'Oak\u0000desk', false],
    ['an escape', '\u001b[31mred', false],
    ['a DEL', 'a\u007fb', false],
    ['a C1 control', 'a\u0085b', false],
    ['a lone high surrogate', 'a\ud800b', false],
    ['a lone low surrogate', '\udc00', false],
    ['a line break on one line', 'a\nb', false],
  ] as const)('%s: %s', (_, value, clean) => {
    expect(isCleanText(value)).toBe(clean);
  });

  it('allows line breaks and tabs in multi-line text, and nothing else of the controls', () => {
    expect(isCleanText('line one\r\nline two\tend', true)).toBe(true);
    expect(isCleanText('bell\u0007', true)).toBe(false);
  });

  it('refines a string schema with a message that names what is wrong, and leaves its JSON Schema alone', () => {
    const name = z.string().max(10).check(cleanText());
    expect(name.safeParse('a\u0000').error?.issues[0]?.message).toBe('Expected text without control characters or invalid Unicode');
    expect(z.toJSONSchema(name)).toEqual(z.toJSONSchema(z.string().max(10)));
  });

  it('lets passwords hold any character but invalid Unicode', () => {
    const password = z.string().check(wellFormed());
    expect(password.safeParse('p\u0000ss\u0007word').success).toBe(true);
    expect(password.safeParse('pass\ud800word').success).toBe(false);
  });
});
