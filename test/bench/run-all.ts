import { boardStore } from './board-store';
import { httpBaseline } from './http-baseline';
import { liveAnswers } from './live-answers';
import { Figure, writeReport } from './report';
import { rosterImport } from './roster-import';
import { windowAnswers } from './window-answers';

/** `npm run bench`: every benchmark, one after another so they do not share the CPU. */
const ONLY = process.argv.slice(2);
const BENCHMARKS: Array<[string, () => Promise<Figure[]>]> = [
  ['http baseline', httpBaseline],
  ['roster import', rosterImport],
  ['window answers', windowAnswers],
  ['live answers', liveAnswers],
  ['board store', boardStore],
];

async function main(): Promise<void> {
  const figures: Figure[] = [];
  for (const [name, run] of BENCHMARKS.filter(([name]) => !ONLY.length || ONLY.some((only) => name.includes(only)))) {
    console.log(`running ${name}…`);
    figures.push(...(await run()));
  }
  // A partial run (`npm run bench -- window`) prints its figures and leaves the report of the last full run alone.
  if (ONLY.length) console.table(figures.map(({ name, value, unit, target, met }) => ({ name, value: Math.round(value * 100) / 100, unit, target, met })));
  else writeReport(figures);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
