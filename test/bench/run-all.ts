import { httpBaseline } from './http-baseline';
import { Figure, writeReport } from './report';
import { rosterImport } from './roster-import';

/** `npm run bench`: every benchmark, one after another so they do not share the CPU. */
const BENCHMARKS: Array<[string, () => Promise<Figure[]>]> = [
  ['http baseline', httpBaseline],
  ['roster import', rosterImport],
];

async function main(): Promise<void> {
  const figures: Figure[] = [];
  for (const [name, run] of BENCHMARKS) {
    console.log(`running ${name}…`);
    figures.push(...(await run()));
  }
  writeReport(figures);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
