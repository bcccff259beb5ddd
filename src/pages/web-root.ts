import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `dist/web` of this checkout, whether the app runs from `dist/` or from the TypeScript sources. */
export function webRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'web');
}
