import { z } from 'zod';

/** One event type at its current schema version: its type name, version and runtime schema. */
export interface EventContract<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  type: Type;
  schemaVersion: number;
  schema: Schema;
}

export function defineEvent<Type extends string, Schema extends z.ZodType>(
  type: Type,
  schemaVersion: number,
  schema: Schema,
): EventContract<Type, Schema> {
  return { type, schemaVersion, schema };
}

/** Lifts the data of one event type from `fromVersion` to `fromVersion + 1`. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: unknown): unknown;
}

export class UnknownSchemaVersionError extends Error {
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
  ) {
    super(`No upcaster lifts ${type} from schema version ${schemaVersion}`);
  }
}

/**
 * Applies upcasters on read so that consumers only ever see the current schema version of an event.
 * Old events are never rewritten in the store: the log is immutable, the reading is what changes.
 */
export class Upcasters {
  private readonly byKey = new Map<string, Upcaster>();
  private readonly current = new Map<string, number>();

  constructor(contracts: readonly EventContract[], upcasters: readonly Upcaster[]) {
    for (const c of contracts) this.current.set(c.type, c.schemaVersion);
    for (const u of upcasters) this.byKey.set(`${u.type}@${u.fromVersion}`, u);
  }

  upcast<E extends { type: string; schemaVersion: number; data: unknown }>(event: E): E {
    const target = this.current.get(event.type);
    if (target === undefined || event.schemaVersion >= target) return event;
    let data = event.data;
    let version = event.schemaVersion;
    while (version < target) {
      const step = this.byKey.get(`${event.type}@${version}`);
      if (!step) throw new UnknownSchemaVersionError(event.type, version);
      data = step.upcast(data);
      version += 1;
    }
    return { ...event, data, schemaVersion: version };
  }

  static merge(...all: Upcasters[]): Upcasters {
    const merged = new Upcasters([], []);
    for (const u of all) {
      u.byKey.forEach((v, k) => merged.byKey.set(k, v));
      u.current.forEach((v, k) => merged.current.set(k, v));
    }
    return merged;
  }
}
