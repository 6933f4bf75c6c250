import { z } from 'zod';
import { defineEvent, UnknownSchemaVersionError, Upcaster, Upcasters } from './catalogue';

const NoteTaken = defineEvent('test.note-taken', 3, z.object({ text: z.string(), words: z.number(), author: z.string() }));
const v1ToV2: Upcaster = {
  type: NoteTaken.type,
  fromVersion: 1,
  upcast: (data) => ({ ...(data as { text: string }), words: (data as { text: string }).text.split(' ').length }),
};
const v2ToV3: Upcaster = { type: NoteTaken.type, fromVersion: 2, upcast: (data) => ({ ...(data as object), author: 'unknown' }) };

describe('defineEvent', () => {
  it('keeps the type, the current schema version and the schema together', () => {
    expect(NoteTaken.type).toBe('test.note-taken');
    expect(NoteTaken.schemaVersion).toBe(3);
    expect(NoteTaken.schema.safeParse({ text: 'a', words: 1, author: 'x' }).success).toBe(true);
  });
});

describe('Upcasters', () => {
  const upcasters = new Upcasters([NoteTaken], [v1ToV2, v2ToV3]);

  describe('when an event is older than its contract', () => {
    it('lifts it one step at a time to the current version', () => {
      const old = { type: NoteTaken.type, schemaVersion: 1, data: { text: 'three short words' }, id: 'e-1' };
      const lifted = upcasters.upcast(old);
      expect(lifted).toEqual({ type: NoteTaken.type, schemaVersion: 3, data: { text: 'three short words', words: 3, author: 'unknown' }, id: 'e-1' });
      expect(NoteTaken.schema.safeParse(lifted.data).success).toBe(true);
    });

    it('leaves the event it was given as it was', () => {
      const old = { type: NoteTaken.type, schemaVersion: 2, data: { text: 'x', words: 1 } };
      upcasters.upcast(old);
      expect(old).toEqual({ type: NoteTaken.type, schemaVersion: 2, data: { text: 'x', words: 1 } });
    });

    it('fails with the type and version when a step is missing', () => {
      const gappy = new Upcasters([NoteTaken], [v2ToV3]);
      const error = (() => {
        try {
          gappy.upcast({ type: NoteTaken.type, schemaVersion: 1, data: { text: 'x' } });
          return null;
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(UnknownSchemaVersionError);
      expect(error).toMatchObject({ type: NoteTaken.type, schemaVersion: 1 });
    });
  });

  describe('when nothing needs lifting', () => {
    it('returns an event at the current version untouched', () => {
      const current = { type: NoteTaken.type, schemaVersion: 3, data: { text: 'x', words: 1, author: 'a' } };
      expect(upcasters.upcast(current)).toBe(current);
    });

    it('returns an event of a type it has no contract for untouched', () => {
      const foreign = { type: 'test.other', schemaVersion: 1, data: { anything: true } };
      expect(upcasters.upcast(foreign)).toBe(foreign);
    });

    it('returns an event newer than its contract untouched', () => {
      const newer = { type: NoteTaken.type, schemaVersion: 4, data: { text: 'x' } };
      expect(upcasters.upcast(newer)).toBe(newer);
    });
  });

  describe('when merged', () => {
    it('lifts the events of every merged set', () => {
      const Other = defineEvent('test.other-happened', 2, z.object({ b: z.number() }));
      const other = new Upcasters([Other], [{ type: Other.type, fromVersion: 1, upcast: (data) => ({ b: (data as { a: number }).a }) }]);
      const merged = Upcasters.merge(upcasters, other);
      expect(merged.upcast({ type: Other.type, schemaVersion: 1, data: { a: 5 } }).data).toEqual({ b: 5 });
      expect(merged.upcast({ type: NoteTaken.type, schemaVersion: 2, data: { text: 'x', words: 1 } }).data).toEqual({
        text: 'x',
        words: 1,
        author: 'unknown',
      });
    });
  });
});
