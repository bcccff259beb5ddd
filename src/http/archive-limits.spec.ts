import JSZip from 'jszip';
import { DOCX_QUESTION, docxBomb, docxEntries, fillerEntries, xlsxBomb, zipOf } from '../../test/support/zip';
import { ARCHIVE_LIMITS, measureArchive } from './archive-limits';

const MB = 1024 * 1024;

describe('measureArchive', () => {
  it('passes a sound Word file and an archive JSZip wrote, counting what they unzip to', async () => {
    expect(await measureArchive(await zipOf(docxEntries(DOCX_QUESTION)))).toMatchObject({ ok: true, entries: 3 });
    const zip = new JSZip();
    zip.file('a.txt', 'x'.repeat(100_000));
    zip.folder('empty');
    const written = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', streamFiles: true }); // data descriptors
    expect(await measureArchive(written)).toEqual({ ok: true, entries: 2, expandedBytes: 100_000 });
  });

  it('refuses from the directory alone an archive that says it unzips past the budget', async () => {
    const started = Date.now();
    expect(await measureArchive(await docxBomb(200 * MB))).toMatchObject({ ok: false, reason: 'too-large' });
    expect(await measureArchive(await xlsxBomb(ARCHIVE_LIMITS.maxExpandedBytes))).toMatchObject({ ok: false, reason: 'too-large' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('does not trust declared sizes: inflating stops once an entry passes what it declared', async () => {
    const liar = await docxBomb(200 * MB, 1_000);
    const started = Date.now();
    expect(await measureArchive(liar)).toMatchObject({ ok: false, reason: 'too-large', detail: expect.stringContaining('word/document.xml') });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('passes what fits the budget and refuses what does not, whatever the limits', async () => {
    const tight = { maxExpandedBytes: 1 * MB, maxEntries: 10 };
    expect(await measureArchive(await docxBomb(MB / 2), tight)).toMatchObject({ ok: true });
    expect(await measureArchive(await docxBomb(2 * MB), tight)).toMatchObject({ ok: false, reason: 'too-large' });
    expect(await measureArchive(await docxBomb(2 * MB, MB / 2), tight)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('refuses more entries than allowed before reading them', async () => {
    const crowded = await zipOf([...docxEntries(DOCX_QUESTION), ...fillerEntries(5_000)]);
    expect(await measureArchive(crowded)).toMatchObject({ ok: false, reason: 'too-many-entries' });
  });

  it('calls unreadable what is not a ZIP, and an entry that only local headers show', async () => {
    expect(await measureArchive(Buffer.from('PK\u0003\u0004garbage'))).toMatchObject({ ok: false, reason: 'unreadable' });
    const smuggled = await zipOf([...docxEntries(DOCX_QUESTION), { name: 'xl/worksheets/sheet2.xml', parts: [{ repeat: 'a', bytes: 10 * MB }], hidden: true }]);
    expect(await measureArchive(smuggled)).toMatchObject({ ok: false, reason: 'unreadable', detail: expect.stringContaining('belong to no entry') });
    const first = await zipOf([{ name: 'hidden.xml', parts: ['<x/>'], hidden: true }, ...docxEntries(DOCX_QUESTION)]);
    expect(await measureArchive(first)).toMatchObject({ ok: false, reason: 'unreadable' });
  });
});
