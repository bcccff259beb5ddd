import JSZip from 'jszip';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Zips a folder of hand-written WordprocessingML into a .docx. */
export async function docxFromFolder(folder: string): Promise<Buffer> {
  const zip = new JSZip();
  const add = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) add(path);
      else zip.file(relative(folder, path).split('\\').join('/'), readFileSync(path));
    }
  };
  add(folder);
  return zip.generateAsync({ type: 'nodebuffer' });
}
