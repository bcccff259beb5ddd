import fc from 'fast-check';
import { JUNK_SEGMENT } from './arbitraries';
import { BodyTarget } from './body-target';
import { ORG_BODY_TARGETS } from './body-targets-org';
import { PLAY_BODY_TARGETS } from './body-targets-play';
import { QUESTION_BODY_TARGETS } from './body-targets-questions';
import { RACE_BODY_TARGETS } from './body-targets-races';
import { sameValue } from './checks';

// Every body target, in the order the spec runs them, which matters: the rebuild first, while there
// are few races; rounds opened before they are closed.

export const BODY_TARGETS: BodyTarget[] = [
  {
    name: 'POST /api/races/:id/standings/rebuild',
    method: 'POST',
    // A rebuild re-reads the answer log and refills the score store of every race (first in this
    // list, while there are few races): one call in five is enough.
    path: (f) =>
      fc
        .oneof({ weight: 4, arbitrary: JUNK_SEGMENT }, fc.constantFrom(f.raceId, f.sandboxRaceId).map(String))
        .map((id) => `/api/races/${id}/standings/rebuild`),
    noBody: true,
    // Rebuilt from the answer log, the standings must be what the answers added up to.
    watch: (f) => [
      sameValue('standing rows', `SELECT COUNT(*) AS n FROM race_standing WHERE race_id = ${f.raceId}`),
      sameValue('standing score', `SELECT SUM(score) AS n FROM race_standing WHERE race_id = ${f.raceId}`),
    ],
    expectSuccess: true,
  },
  ...ORG_BODY_TARGETS,
  ...QUESTION_BODY_TARGETS,
  ...RACE_BODY_TARGETS,
  ...PLAY_BODY_TARGETS,
];
