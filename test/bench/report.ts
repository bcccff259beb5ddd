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
}

export const RESULTS_DIR = join(projectRoot(), 'bench-results');

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function writeReport(figures: Figure[]): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const at = new Date().toISOString();
  writeFileSync(join(RESULTS_DIR, 'results.json'), JSON.stringify({ at, machine: machine(), figures }, null, 2) + '\n');
  const rows = figures.map(
    (f) =>
      `| ${f.name} | ${f.target ?? '—'} | ${round(f.value)} ${f.unit} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} | ${f.conditions} |`,
  );
  const markdown = [
    `# Benchmark results`,
    '',
    `${at} on ${machine()}.`,
    '',
    '| figure | target | measured | met | conditions |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeFileSync(join(RESULTS_DIR, 'results.md'), markdown);
  console.log('\n' + markdown);
}

function round(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
