import * as z from 'zod/mini';
import { coercedNumber, isoDate, isoDateTime } from './formats';

// Each helper is the zod mini member it stands for: the same schema class and definition (so the
// same JSON Schema in the documents) and the same answers.
describe.each([
  { name: 'isoDateTime', ours: isoDateTime, zods: z.iso.datetime, inputs: ['2026-12-06T10:15:00.000Z', '2026-12-06T10:15:00Z', '2026-12-06', 'tomorrow', 3] },
  { name: 'isoDate', ours: isoDate, zods: z.iso.date, inputs: ['2026-12-06', '2026-13-06', '2026-12-06T10:15:00Z', ''] },
  { name: 'coercedNumber', ours: coercedNumber, zods: z.coerce.number, inputs: ['42', '4.5', '', 'x', 7, undefined] },
] as const)('$name', ({ ours, zods, inputs }) => {
  it("is zod's schema: the same class, definition and JSON Schema", () => {
    const [a, b] = [ours(), zods()];
    expect(a.constructor).toBe(b.constructor);
    expect(a._zod.def).toEqual(b._zod.def);
    expect(z.toJSONSchema(a, { io: 'input' })).toEqual(z.toJSONSchema(b, { io: 'input' }));
  });

  it('answers every input as zod does, with the parameters passed on', () => {
    const [a, b] = [ours('Not that'), zods('Not that')];
    for (const input of inputs) expect(z.safeParse(a, input)).toEqual(z.safeParse(b, input));
    const refused = inputs.filter((input) => !z.safeParse(b, input).success);
    expect(refused.length).toBeGreaterThan(0);
    for (const input of refused) expect(z.safeParse(a, input).error?.issues[0]?.message).toBe('Not that');
  });
});
