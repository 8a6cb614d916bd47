import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boardCreateSchema, boardPatchSchema } from '../../contract/board.ts';
import { boundsOf, fieldBounds } from './schema-bounds.ts';

describe('fieldBounds', () => {
  it("reads a required text's length limits from the contract", () => {
    expect(fieldBounds(boardCreateSchema).title).toEqual({ isRequired: true, maxLength: 200 });
  });

  it('keeps a text that must hold a character required in a patch', () => {
    expect(fieldBounds(boardPatchSchema).title).toEqual({ isRequired: true, maxLength: 200 });
  });

  it('reads the bounds of a number through optional and nullable', () => {
    expect(fieldBounds(boardPatchSchema).maxDotsPerNote).toEqual({ isRequired: false, min: 1, max: 100 });
  });

  it('gives none for a schema that is not an object', () => {
    expect(fieldBounds(z.string())).toEqual({});
  });
});

describe('boundsOf', () => {
  it('looks through a transform to the text it parses', () => {
    expect(
      boundsOf(
        z
          .string()
          .min(3)
          .max(64)
          .transform((s) => s.toLowerCase()),
      ),
    ).toEqual({
      isRequired: true,
      minLength: 3,
      maxLength: 64,
    });
  });

  it('leaves out the safe-integer bounds of z.int()', () => {
    expect(boundsOf(z.int())).toEqual({ isRequired: true });
  });

  it('treats a field with a default as optional', () => {
    expect(boundsOf(z.boolean().default(false))).toEqual({ isRequired: false });
  });
});
