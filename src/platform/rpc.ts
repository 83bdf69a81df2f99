/**
 * Typed message calls between extension contexts (`{type, payload}` in, `Result` out). Pages call
 * the background with `callBackground`; the background calls a tab's content script with
 * `callTab`. Transport failures (no receiver, context invalidated) come back as `{ok: false}`,
 * never as a thrown Error.
 */
import { browser } from './browser';
import { fail, type ReplyOf, type Result } from '../shared/messages';

type PayloadOf<M, K extends keyof M> = M[K] extends (p: infer P) => unknown ? P : never;

function toResult<R>(reply: unknown): Result<R> {
  if (reply && typeof reply === 'object' && 'ok' in reply) return reply as Result<R>;
  return fail('no reply');
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Sends one call of map M to the background and returns its Result. */
export async function callBackground<M, K extends keyof M & string>(type: K, payload: PayloadOf<M, K>): Promise<ReplyOf<M, K>> {
  try {
    return toResult(await browser.runtime.sendMessage({ type, payload })) as ReplyOf<M, K>;
  } catch (err) {
    return fail(errorText(err)) as ReplyOf<M, K>;
  }
}

/** Sends one call of map M to the content script of a tab (top frame only) and returns its Result. */
export async function callTab<M, K extends keyof M & string>(tabId: number, type: K, payload: PayloadOf<M, K>): Promise<ReplyOf<M, K>> {
  try {
    return toResult(await browser.tabs.sendMessage(tabId, { type, payload }, { frameId: 0 })) as ReplyOf<M, K>;
  } catch (err) {
    return fail(errorText(err)) as ReplyOf<M, K>;
  }
}
