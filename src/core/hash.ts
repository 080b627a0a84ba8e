/** A small, stable, non-cryptographic string hash (FNV-1a), so ids are deterministic on every runtime. */

function fnv1a32(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** 16 hex digits: two FNV-1a passes with different offset bases, so collisions need both to collide. */
export function stableHash(text: string): string {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return hex(fnv1a32(text, 0x811c9dc5)) + hex(fnv1a32(text, 0x01000193 ^ 0x5bd1e995));
}
