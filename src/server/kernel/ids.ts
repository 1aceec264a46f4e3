import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

// ulid asks its PRNG once per random character; reading the OS RNG 16 times per id showed up in request
// profiles, so draw cryptographic random bytes from a pool refilled in 4 KiB blocks.
const pool = Buffer.alloc(4096);
let offset = pool.length;
function pooledRandom(): number {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++]! / 256;
}

const nextUlid = monotonicFactory(pooledRandom);

/** Prefixed, time-sortable id such as `ord_01jd...`: the prefix says what it is in logs and URLs. */
export function newId(prefix: string): string {
  return `${prefix}_${nextUlid().toLowerCase()}`;
}
