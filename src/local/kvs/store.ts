/**
 * Forge KVS semantics used by the local site: per-key strong consistency, TTL, FAIL_IF_EXISTS. Like Forge's
 * storage it outlives the process: given a file (the local site keeps it under its data directory), every
 * write is on disk (temp file + rename) before the call answers, so a restart or kill loses nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface KvsEntry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  /** Epoch ms; expired entries behave as absent. */
  expiresAt: number | null;
}

export type KvsOutcome = { status: 200; body: unknown } | { status: 204 } | { status: 400 | 404 | 409; body: { code: string; message: string } };

const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

function ttlMs(ttl: unknown): number | null {
  if (!ttl || typeof ttl !== 'object') return null;
  const { value, unit } = ttl as { value?: unknown; unit?: unknown };
  if (typeof value !== 'number' || typeof unit !== 'string' || !(unit in TTL_UNIT_MS)) return null;
  return value * TTL_UNIT_MS[unit as keyof typeof TTL_UNIT_MS];
}

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s#-]{1,500}$/;

export class KvsStore {
  private readonly entries = new Map<string, KvsEntry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly file: string | null = null,
  ) {
    if (file && fs.existsSync(file)) {
      const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, KvsEntry>;
      for (const [key, entry] of Object.entries(saved)) this.entries.set(key, entry);
    }
  }

  private persist(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(Object.fromEntries(this.entries)));
    fs.renameSync(temp, this.file);
  }

  private live(key: string): KvsEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Every live entry (value and update time), by key: tests compare it before and after a call that must not write. */
  snapshot(): Record<string, { value: unknown; updatedAt: number }> {
    return Object.fromEntries(
      [...this.entries.keys()].sort().flatMap((key) => {
        const entry = this.live(key);
        return entry ? [[key, { value: entry.value, updatedAt: entry.updatedAt }] as const] : [];
      }),
    );
  }

  /** Serves one KVS API call (`/api/v1/get|set|delete`) with its JSON body. */
  handle(path: string, body: unknown): KvsOutcome {
    const request = (body ?? {}) as { key?: unknown; value?: unknown; options?: Record<string, unknown> };
    if (typeof request.key !== 'string' || !KEY_PATTERN.test(request.key)) {
      return { status: 400, body: { code: 'BAD_REQUEST', message: 'Provided key is invalid' } };
    }
    const key = request.key;
    const existing = this.live(key);
    switch (path) {
      case '/api/v1/get':
        if (!existing) return { status: 404, body: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } };
        return { status: 200, body: { key, value: existing.value, createdAt: existing.createdAt, updatedAt: existing.updatedAt } };
      case '/api/v1/set': {
        const options = request.options ?? {};
        if (existing && options.keyPolicy === 'FAIL_IF_EXISTS') {
          return { status: 409, body: { code: 'KEY_CONFLICT', message: 'Key already exists' } };
        }
        const now = this.now();
        const ttl = ttlMs(options.ttl);
        const entry: KvsEntry = { value: request.value, createdAt: existing?.createdAt ?? now, updatedAt: now, expiresAt: ttl === null ? null : now + ttl };
        this.entries.set(key, entry);
        this.persist();
        if (options.returnValue === 'PREVIOUS') return { status: 200, body: existing ? { key, value: existing.value } : {} };
        if (options.returnValue === 'LATEST') return { status: 200, body: { key, value: entry.value } };
        return { status: 204 };
      }
      case '/api/v1/delete':
        if (!existing) return { status: 404, body: { code: 'KEY_NOT_FOUND', message: 'Provided key does not exist' } };
        this.entries.delete(key);
        this.persist();
        return { status: 204 };
      default:
        return { status: 400, body: { code: 'BAD_REQUEST', message: `Unsupported KVS operation ${path}` } };
    }
  }
}
