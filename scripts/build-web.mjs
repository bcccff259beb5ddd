// Bundles the three pages (src/web/<page>/main.tsx) with esbuild into dist/web: hashed,
// minified JS and CSS under assets/ (cached for a year) and one HTML file per page.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const PAGES = {
  participant: { title: 'Cuộc đua luyện AI', theme: '#0b3d91' },
  console: { title: 'Cuộc đua luyện AI · Ban tổ chức', theme: '#0b3d91' },
  screen: { title: 'Cuộc đua luyện AI · Bảng xếp hạng', theme: '#061a40' },
};
const out = 'dist/web';
mkdirSync(join(out, 'assets'), { recursive: true });

const result = await build({
  entryPoints: Object.fromEntries(Object.keys(PAGES).map((page) => [page, `src/web/${page}/main.tsx`])),
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'esm',
  // Cheap Android phones keep old Chrome versions; es2019 still covers them.
  target: ['es2019'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});

const sizes = {};
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  if (!meta.entryPoint) continue;
  const page = basename(meta.entryPoint.replace(/\/main\.tsx$/, ''));
  const script = `/assets/${basename(file)}`;
  const css = meta.cssBundle ? `/assets/${basename(meta.cssBundle)}` : null;
  const { title, theme } = PAGES[page];
  writeFileSync(
    join(out, `${page}.html`),
    `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="${theme}">
<link rel="icon" href="data:,">
<title>${title}</title>
${css ? `<link rel="stylesheet" href="${css}">` : ''}
<script type="module" src="${script}"></script>
</head>
<body>
<div id="app"><noscript>Trang này cần JavaScript. This page needs JavaScript.</noscript></div>
</body>
</html>
`,
  );
  sizes[page] = { script, bytes: meta.bytes, gzipBytes: gzipSync(readFileSync(file)).length };
}
writeFileSync(join(out, 'sizes.json'), JSON.stringify(sizes, null, 2));
for (const [page, size] of Object.entries(sizes)) console.log(`web: ${page} ${(size.gzipBytes / 1024).toFixed(1)} kB gzipped`);
