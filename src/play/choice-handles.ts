import { createHmac } from 'node:crypto';

/**
 * Opaque choice handles. A phone never sees a choice's real id: ids rise in the order the author
 * wrote the choices, so sorting them gave the author's order back (and with it, often, the right
 * answer). Each viewer (an attempt, or an organiser or screen following a live round) gets, per
 * question, handles drawn from a keyed hash: the server computes them again to read an answer, so
 * nothing is stored, and without the key they say nothing about the author's order.
 */

/** Handles stay below 2^48: safe JSON integers, and far too many to guess. */
export const HANDLE_LIMIT = 2 ** 48;
const HANDLE_BYTES = 6;
const DIGEST_BYTES = 32;

/** The handles' own key, derived from the app's secret so tokens and handles never share a key. */
export function handleKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('choice-handles').digest();
}

/** Who a set of handles is for. A participant's are their attempt's, on every socket and page. */
export const attemptViewer = (attemptId: number) => `attempt:${attemptId}`;
/** An organiser or screen following a live round: its own handles, kept across reconnects. */
export const watcherViewer = (kind: string, id: number, roundId: number) => `watch:${kind}:${id}:${roundId}`;

/** Enough keyed bytes for `count` handles: one HMAC for up to five choices, one more per five after. */
export function handleDigest(key: Buffer, viewer: string, questionId: number, count: number): Buffer {
  const blocks = Math.max(1, Math.ceil((count * HANDLE_BYTES) / DIGEST_BYTES));
  const parts: Buffer[] = [];
  for (let block = 0; block < blocks; block++) {
    parts.push(
      createHmac('sha256', key)
        .update(block ? `${viewer}|${questionId}|${block}` : `${viewer}|${questionId}`)
        .digest(),
    );
  }
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** `count` distinct handles in 1 … 2^48 − 1, read 48 bits at a time from the digest. */
export function handlesFromDigest(digest: Buffer, count: number): number[] {
  if (digest.length < count * HANDLE_BYTES) throw new RangeError(`A digest of ${digest.length} bytes cannot give ${count} handles`);
  const handles: number[] = [];
  const used = new Set<number>();
  for (let i = 0; i < count; i++) {
    let handle = digest.readUIntBE(i * HANDLE_BYTES, HANDLE_BYTES);
    // A zero or a repeat (one chance in 2^47 or so) steps on to the next free value: still deterministic.
    while (handle === 0 || used.has(handle)) handle = (handle + 1) % HANDLE_LIMIT;
    used.add(handle);
    handles.push(handle);
  }
  return handles;
}

/**
 * Real id → handle for each of a question's choices. The choices are taken in ascending id
 * order, whatever order they came in, so every caller gets the same handles for the same viewer.
 */
export function assignHandles(digest: Buffer, choiceIds: readonly number[]): Map<number, number> {
  const ids = [...new Set(choiceIds)].sort((a, b) => a - b);
  const handles = handlesFromDigest(digest, ids.length);
  return new Map(ids.map((id, i) => [id, handles[i]]));
}

/**
 * The real ids an answer names. A handle that is not one of the viewer's becomes a negative
 * number, which no choice has: the answer is then refused as naming a choice not offered.
 */
export function realChoices(handles: ReadonlyMap<number, number>, chosen: readonly number[]): number[] {
  const real = new Map<number, number>();
  for (const [id, handle] of handles) real.set(handle, id);
  return chosen.map((handle) => real.get(handle) ?? -Math.abs(handle) - 1);
}

/**
 * The choices as a viewer is shown them: handles for ids. `order` (real ids) is the attempt's
 * stored shuffle; without one (live rounds) the choices come in ascending handle order, a shuffle
 * of its own per viewer that the handles themselves carry.
 */
export function servedChoices<C extends { id: number }>(choices: readonly C[], handles: ReadonlyMap<number, number>, order?: readonly number[] | null): C[] {
  const known = choices.filter((choice) => handles.has(choice.id));
  const ordered = order
    ? order.flatMap((id) => known.filter((choice) => choice.id === id))
    : [...known].sort((a, b) => handles.get(a.id)! - handles.get(b.id)!);
  return ordered.map((choice) => ({ ...choice, id: handles.get(choice.id)! }));
}

/** Real ids to handles, in ascending handle order (so the list's order says nothing either). */
export function handlesOf(handles: ReadonlyMap<number, number>, ids: readonly number[]): number[] {
  return ids.flatMap((id) => (handles.has(id) ? [handles.get(id)!] : [])).sort((a, b) => a - b);
}

/** Counts per real id as counts per handle, keyed in ascending handle order. */
export function countsByHandle(handles: ReadonlyMap<number, number>, counts: Readonly<Record<string, number>>): Record<string, number> {
  const entries = [...handles].map(([id, handle]) => [handle, counts[String(id)] ?? 0] as const).sort((a, b) => a[0] - b[0]);
  return Object.fromEntries(entries.map(([handle, n]) => [String(handle), n]));
}

/** The key, held once: what the play works and the live sends ask for a viewer's handles. */
export class ChoiceHandles {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = handleKey(secret);
  }

  of(viewer: string, questionId: number, choiceIds: readonly number[]): Map<number, number> {
    const count = new Set(choiceIds).size;
    return assignHandles(handleDigest(this.key, viewer, questionId, count), choiceIds);
  }
}
