import { join } from 'node:path';
import { PARSE_LIMITS, ParseFailure, parseInWorker } from './parse-in-worker';

const TASKS = join(__dirname, '..', '..', 'test', 'support', 'parse-tasks');
const task = (name: string) => ({ module: TASKS, name });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as ParseFailure,
  );

describe('parseInWorker', () => {
  it('runs a task in a worker and brings its value back, bytes as a Buffer', async () => {
    expect(await parseInWorker(task('echo'), [Buffer.from('Hà Nội'), 'xin chào'])).toEqual({ isBuffer: true, length: 9, text: 'xin chào' });
  });

  it('stops a parse that runs past its time, while the event loop stays free', async () => {
    const started = Date.now();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const error = await failure(parseInWorker(task('spin'), [], { ...PARSE_LIMITS, timeoutMs: 1_000 }));
    clearInterval(ticker);
    expect(error).toBeInstanceOf(ParseFailure);
    expect(error?.reason).toBe('time');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it('stops a parse that needs more memory than its limit, and the next parse runs', async () => {
    const error = await failure(parseInWorker(task('hog'), [], { ...PARSE_LIMITS, maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 }));
    expect(error?.reason).toBe('memory');
    expect(await parseInWorker(task('echo'), [Buffer.alloc(1), 'again'])).toMatchObject({ text: 'again' });
  });

  it('says a task that throws failed, with its message', async () => {
    const error = await failure(parseInWorker(task('fail'), []));
    expect(error).toMatchObject({ reason: 'error', message: 'the parser gave up' });
  });

  it('reuses a worker that finished cleanly, even when its task threw', async () => {
    const first = await parseInWorker<number>(task('thread'), []);
    await failure(parseInWorker(task('fail'), []));
    expect(await parseInWorker<number>(task('thread'), [])).toBe(first);
    expect(first).not.toBe(0);
  });
});
