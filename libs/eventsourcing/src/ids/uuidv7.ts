import { createHash, randomFillSync } from 'node:crypto';

// One syscall fills randomness for many ids: id generation sits on the append hot path.
const POOL_SIZE = 16 * 256;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

function randomBytes(count: number): Buffer {
  if (poolOffset + count > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + count);
  poolOffset += count;
  return bytes;
}

let lastMs = -1;
let counter = 0;

function toUuidString(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then randomness. Ids made by one process are
 * strictly increasing, even within one millisecond or when the clock steps back.
 */
export function uuidv7(now: number = Date.now()): string {
  // rand_a is used as a 12-bit counter (RFC 9562 §6.2, method 1), seeded below half its range so
  // that thousands of ids fit in one millisecond before the timestamp has to be borrowed forward.
  if (now > lastMs) {
    lastMs = now;
    counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
  } else {
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1;
      counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
    }
  }
  const bytes = new Uint8Array(16);
  bytes.set(randomBytes(8), 8);
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (counter >>> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  return toUuidString(bytes);
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for any RFC 9562 textual UUID (any version). */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** The Unix milliseconds encoded in a UUIDv7. */
export function uuidv7Timestamp(id: string): number {
  if (!isUuid(id) || id[14] !== '7') throw new TypeError(`Not a UUIDv7: ${id}`);
  return parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * A name-based UUID (version 5, SHA-1) of `name` within `namespace` (itself a UUID): the same inputs
 * always give the same id, so a process manager reacting twice to one event appends the same ids twice.
 */
export function deterministicUuid(namespace: string, name: string): string {
  if (!isUuid(namespace)) throw new TypeError(`Namespace must be a UUID, got ${namespace}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = new Uint8Array(hash.subarray(0, 16));
  bytes[6] = 0x50 | (bytes[6] & 0x0f);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  return toUuidString(bytes);
}
