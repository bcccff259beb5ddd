import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../support/child-app';

/** One measured figure: what, the target if an issue sets one, and under which conditions. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  met?: boolean;
  conditions: string;
  /** The storage it was measured on, for figures measured on each (see profiles.ts). */
  profile?: string;
}

export const RESULTS_DIR = join(projectRoot(), 'bench-results');

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** results.json with every figure, and results.md with one row per figure and a column per storage. */
export function writeReport(figures: Figure[], profiles: string[]): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(join(RESULTS_DIR, 'results.json'), JSON.stringify({ at, machine: machine(), profiles, figures }, null, 2) + '\n');
  const names = [...new Set(figures.map((f) => f.name))];
  const rows = names.map((name) => {
    const measured = figures.filter((f) => f.name === name);
    const first = measured[0];
    // A figure measured once (the board store's own memory/Redis pair) fills the first column.
    const cells = profiles.map((profile, i) => {
      const figure = measured.find((f) => f.profile === profile) ?? (i === 0 ? measured.find((f) => !f.profile) : undefined);
      return figure ? cell(figure) : '—';
    });
    const conditions =
      new Set(measured.map((f) => f.conditions)).size === 1 ? first.conditions : measured.map((f) => `${f.profile}: ${f.conditions}`).join('; ');
    return `| ${name} | ${first.target ?? '—'} | ${cells.join(' | ')} | ${conditions} |`;
  });
  const markdown = [
    `# Benchmark results`,
    '',
    `${at} on ${machine()}. The bench client runs on the same machine as the app.`,
    'A figure that misses its target is in bold with "(no)".',
    '',
    `| figure | target | ${profiles.join(' | ')} | conditions |`,
    `|---|---|${profiles.map(() => '---|').join('')}---|`,
    ...rows,
    '',
  ].join('\n');
  writeFileSync(join(RESULTS_DIR, 'results.md'), markdown);
  console.log('\n' + markdown);
}

function cell(figure: Figure): string {
  const text = `${round(figure.value)} ${figure.unit}`;
  return figure.met === false ? `**${text} (no)**` : text;
}

function round(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
