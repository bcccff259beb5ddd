import { Readable } from 'node:stream';
import yauzl, { Entry, ZipFile } from 'yauzl';

/**
 * What an uploaded .docx or .xlsx may unzip to. A 100,000-row roster unzips to about 26 MB and a
 * 2,000-question Word test to a few; Word and Excel write a few dozen entries. A roster's one
 * sheet can legitimately hold most of the budget, so an entry's own cap is the whole budget.
 */
export interface ArchiveLimits {
  maxExpandedBytes: number;
  maxEntries: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = { maxExpandedBytes: 50 * 1024 * 1024, maxEntries: 1_000 };

export type ArchiveVerdict =
  { ok: true; entries: number; expandedBytes: number } | { ok: false; reason: 'too-large' | 'too-many-entries' | 'unreadable'; detail: string };

/** Said when an entry unzips past its declared size: yauzl's validateEntrySizes, or our own count. */
class Overflow extends Error {}

/**
 * Measures a ZIP archive before any parser opens it: entry count and declared sizes from the
 * central directory, then every entry inflated (in zlib's thread pool, output counted and
 * dropped) and stopped the moment it passes its declared size or the budget, since declared
 * sizes are the attacker's to write. Also refuses bytes that the directory does not account
 * for, and local headers that disagree with it: ExcelJS reads entries by their local headers, one
 * after the other, so an entry missing from the directory would reach it unmeasured.
 */
export async function measureArchive(buffer: Buffer, limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<ArchiveVerdict> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as Error).message };
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      return { ok: false, reason: 'too-many-entries', detail: `${zip.entryCount} entries (at most ${limits.maxEntries})` };
    }
    const entries: Entry[] = [];
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      declared += entry.uncompressedSize;
      if (declared > limits.maxExpandedBytes) {
        return { ok: false, reason: 'too-large', detail: `declared ${declared} bytes once unzipped (at most ${limits.maxExpandedBytes})` };
      }
    }
    const gap = await unaccountedBytes(zip, entries, centralDirectoryOffset(buffer));
    if (gap) return { ok: false, reason: 'unreadable', detail: gap };
    let expanded = 0;
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      try {
        expanded += await inflatedSize(zip, entry, limits.maxExpandedBytes - expanded);
      } catch (error) {
        if (error instanceof Overflow) return { ok: false, reason: 'too-large', detail: `${entry.fileName}: ${error.message}` };
        return { ok: false, reason: 'unreadable', detail: `${entry.fileName}: ${(error as Error).message}` };
      }
    }
    return { ok: true, entries: entries.length, expandedBytes: expanded };
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as Error).message };
  } finally {
    zip.close();
  }
}

/** Bytes the archive would give once inflated; throws Overflow past `budget` or the declared size. */
async function inflatedSize(zip: ZipFile, entry: Entry, budget: number): Promise<number> {
  const stream: Readable = await zip.openReadStreamPromise(entry);
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > budget) throw new Overflow(`more than ${budget} bytes once unzipped`);
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof Overflow) throw error;
    // yauzl's own check of the declared size: the entry said less than it holds.
    if (/too many bytes/.test((error as Error).message)) throw new Overflow((error as Error).message);
    throw error;
  }
  return size;
}

/** Where the central directory starts, from the end record; null for ZIP64 (then left unchecked). */
function centralDirectoryOffset(buffer: Buffer): number | null {
  for (let at = buffer.length - 22; at >= Math.max(0, buffer.length - 22 - 0xffff); at--) {
    if (buffer.readUInt32LE(at) === 0x06054b50) {
      const offset = buffer.readUInt32LE(at + 16);
      return offset === 0xffffffff ? null : offset;
    }
  }
  return null;
}

/** A data descriptor after an entry's data takes at most 24 bytes (ZIP64 sizes and the signature). */
const MAX_DESCRIPTOR = 24;

/**
 * The local entries, in file order, must follow each other from byte 0 up to the central
 * directory with nothing between them but data descriptors: anything more is an entry that only
 * a reader walking local headers would see.
 */
async function unaccountedBytes(zip: ZipFile, entries: Entry[], directoryAt: number | null): Promise<string | null> {
  const spans: Array<[number, number]> = [];
  for (const entry of entries) {
    const local = await zip.readLocalFileHeaderPromise(entry);
    // Without a data descriptor (flag bit 3) the local header states the sizes itself, and a
    // reader walking local headers believes them: they must be the ones measured here.
    const sizesElsewhere = (local.generalPurposeBitFlag & 0x8) !== 0 || local.compressedSize === 0xffffffff; // descriptor, or ZIP64 extra field
    if (!sizesElsewhere && (local.compressedSize !== entry.compressedSize || local.uncompressedSize !== entry.uncompressedSize)) {
      return `${entry.fileName}: its local header and the directory disagree on its size`;
    }
    spans.push([entry.relativeOffsetOfLocalHeader, local.fileDataStart + entry.compressedSize]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  let end = 0;
  for (const [start, stop] of spans) {
    if (start < end || start - end > (end ? MAX_DESCRIPTOR : 0)) return `bytes ${end}–${start} belong to no entry`;
    end = stop;
  }
  if (directoryAt !== null && (directoryAt < end || directoryAt - end > MAX_DESCRIPTOR)) return `bytes ${end}–${directoryAt} belong to no entry`;
  return null;
}
