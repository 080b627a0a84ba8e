/**
 * The host's side of every app frame, as Atlassian's host keeps it: a frame is registered when the host renders
 * it, under an opaque id, with the Forge context the host decided (module, localId, page/issue/project, account).
 * A bridge call from the browser names only that id; nothing in the frame's context can be chosen by the browser.
 * Also the bridge's documented shapes and limits (view.submit's `{ config }`, invoke's payload sizes and 25 s).
 */
import { randomBytes } from 'node:crypto';

/** Where a config frame's view.submit stores the config (the macro instance it configures). */
export interface SubmitTarget {
  pageId: string;
  localId: string;
}

export interface RegisteredFrame {
  accountId: string;
  moduleKey: string;
  localId: string;
  extension: Record<string, unknown>;
  /** Only a macro's config frame is submittable. */
  submit: SubmitTarget | null;
}

/** How many rendered frames the host remembers (the oldest are forgotten first; a reload registers anew). */
const MAX_FRAMES = 5_000;

export class FrameRegistry {
  private readonly frames = new Map<string, RegisteredFrame>();

  /** Registers a frame the host is rendering; returns its opaque id, prefixed with its kind (`macro`, `config`, …). */
  register(kind: string, frame: RegisteredFrame): string {
    const id = `${kind}-${randomBytes(16).toString('hex')}`;
    this.frames.set(id, frame);
    if (this.frames.size > MAX_FRAMES) {
      const oldest = this.frames.keys().next().value;
      if (oldest !== undefined) this.frames.delete(oldest);
    }
    return id;
  }

  get(id: string): RegisteredFrame | null {
    return this.frames.get(id) ?? null;
  }
}

/** Forge's invocation limits (developer.atlassian.com/platform/forge/limits-invocation and the bridge's payload limits). */
export const FORGE_LIMITS = {
  invokePayloadBytes: 500 * 1024,
  invokeResponseBytes: 5 * 1024 * 1024,
  resolverTimeoutMs: 25_000,
} as const;

/** Forge's refusal of a `view.submit` payload that is not `{ config: object }`. */
export const INVALID_CONFIG_MESSAGE = 'Invalid "config" provided. Expected object';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `view.submit(payload)` on a macro's config: `{ config: object }`, stored exactly as `config`; anything else is refused. */
export function submittedConfig(payload: unknown): { ok: true; config: Record<string, unknown> } | { ok: false; message: string } {
  if (!isPlainObject(payload) || !isPlainObject(payload.config)) return { ok: false, message: INVALID_CONFIG_MESSAGE };
  return { ok: true, config: payload.config };
}

export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value ?? null) ?? 'null', 'utf8');

/** Forge's answers when an invocation breaks a limit. */
export const limitMessages = {
  payloadTooLarge: (bytes: number) => `The invocation payload is ${bytes} bytes; Forge accepts at most ${FORGE_LIMITS.invokePayloadBytes} bytes (500 KB).`,
  responseTooLarge: (bytes: number) =>
    `The function returned ${bytes} bytes; Forge returns at most ${FORGE_LIMITS.invokeResponseBytes} bytes (5 MB) from an invocation.`,
  timedOut: (ms: number) => `The function timed out: Forge stops an invocation after ${Math.round(ms / 1000)} seconds.`,
};

/** Marks a settled race against the invocation's deadline. */
export class InvocationTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(limitMessages.timedOut(timeoutMs));
  }
}

/** Runs `fn`, or fails with InvocationTimeout once `timeoutMs` passed (Forge stops the function; we stop waiting for it). */
export async function withDeadline<T>(timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new InvocationTimeout(timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([fn(), expired]);
  } finally {
    clearTimeout(timer);
  }
}
