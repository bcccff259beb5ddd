import { boardStore } from './board-store';
import { durability } from './durability';
import { httpBaseline } from './http-baseline';
import { liveAnswers } from './live-answers';
import { BenchProfile, benchProfiles } from './profiles';
import { Figure, writeReport } from './report';
import { rosterImport } from './roster-import';
import { signIn } from './sign-in';
import { windowAnswers } from './window-answers';

/** `npm run bench`: every benchmark, one after another so they do not share the CPU. */
const ONLY = process.argv.slice(2);
// Each on SQLite and, when they answer, on PostgreSQL + Redis; the board store measures memory and Redis itself.
const BENCHMARKS: Array<[string, (profile: BenchProfile) => Promise<Figure[]>, 'each profile' | 'once']> = [
  ['http baseline', httpBaseline, 'each profile'],
  ['roster import', rosterImport, 'each profile'],
  ['participant sign-in', signIn, 'each profile'],
  ['window answers', windowAnswers, 'each profile'],
  ['live answers', liveAnswers, 'each profile'],
  ['board store', () => boardStore(), 'once'],
  // SQLite's synchronous=FULL against NORMAL, window and live alternately (only SQLite has the setting).
  ['durability', () => durability(), 'once'],
];

async function main(): Promise<void> {
  const profiles = await benchProfiles();
  const figures: Figure[] = [];
  for (const [name, run, where] of BENCHMARKS.filter(([name]) => !ONLY.length || ONLY.some((only) => name.includes(only)))) {
    for (const profile of where === 'once' ? [null] : profiles) {
      console.log(`running ${name}${profile ? ` on ${profile.name}` : ''}…`);
      const measured = await run(profile ?? profiles[0]);
      figures.push(...measured.map((figure) => ({ ...figure, profile: profile?.name })));
    }
  }
  // A partial run (`npm run bench -- window`) prints its figures and leaves the report of the last full run alone.
  if (ONLY.length)
    console.table(figures.map(({ name, profile, value, unit, target, met }) => ({ name, profile, value: Math.round(value * 100) / 100, unit, target, met })));
  else
    writeReport(
      figures,
      profiles.map((profile) => profile.name),
    );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
