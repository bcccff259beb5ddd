import { SonicBoom } from 'sonic-boom';

// About 8,000 request lines: a hall signing in at once fits while a slow log shipper catches up.
const BUFFER_BYTES = 4 * 1024 * 1024;

let stdout: SonicBoom | null = null;
let dropped = 0;
let exiting = false;

/** Log lines this process dropped because stdout took no more (a log shipper that stopped reading). */
export function droppedLogLines(): number {
  return dropped;
}

/**
 * Stdout as the logs' destination, one per process. Writes are asynchronous and buffered up to
 * BUFFER_BYTES; past that a line is dropped and counted, so a reader that stops never holds up
 * requests or a shutdown. pino's own `pino.destination()` would, at exit, retry a full stdout
 * every 100 ms for as long as it stays full.
 */
export function stdoutDestination(): SonicBoom {
  if (stdout) return stdout;
  // Reading process.stdout makes Node open a pipe or socket on fd 1 in non-blocking mode. A write
  // to a full blocking pipe would hold its thread-pool thread for good, and the exit joins that thread.
  const fd = process.stdout.fd;
  const destination = new SonicBoom({ fd, sync: false, maxLength: BUFFER_BYTES, retryEAGAIN: () => !exiting });
  destination.on('drop', () => dropped++);
  // A reader that closed the pipe (EPIPE): the lines are lost either way, and not worth a crash.
  destination.on('error', () => undefined);
  process.once('exit', () => {
    exiting = true;
    try {
      destination.flushSync();
    } catch {
      // Stdout is full: what is left is dropped rather than waited for.
    }
  });
  stdout = destination;
  return destination;
}
