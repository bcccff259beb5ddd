/** Tasks for the parse worker's own tests: one of each way a parse can go. */

import { threadId } from 'node:worker_threads';

export function echo(bytes: Buffer, text: string): { isBuffer: boolean; length: number; text: string } {
  return { isBuffer: Buffer.isBuffer(bytes), length: bytes.length, text };
}

/** Holds the worker's thread as a pathological regular expression or XML would. */
export function spin(): never {
  for (;;) Math.sqrt(Math.random());
}

/** Grows the heap until the worker's limit stops it. */
export function hog(): number {
  const kept: string[][] = [];
  for (;;) kept.push(Array.from({ length: 10_000 }, (_, i) => `${i}-${Math.random()}`));
}

export function fail(): never {
  throw new Error('the parser gave up');
}

export function thread(): number {
  return threadId;
}
