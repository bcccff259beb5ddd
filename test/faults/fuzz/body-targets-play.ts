import fc from 'fast-check';
import { aroundLimit, segmentIn } from './arbitraries';
import { BodyTarget } from './body-target';
import { count, onePerSuccess, sameRows } from './checks';
import { parsed } from './client';
import { BAD_TOKENS, participantTokens } from './tokens';

// The participant's side: starting an attempt, joining by link.

export const PLAY_BODY_TARGETS: BodyTarget[] = [
  {
    name: 'POST /api/rounds/:id/attempts',
    method: 'POST',
    path: (f) =>
      segmentIn([f.windowRoundId, f.sandboxWindowRoundId, f.liveRoundId, ...f.sandboxRoundIds.slice(0, 3)]).map((id) => `/api/rounds/${id}/attempts`),
    token: (f) => participantTokens(f.starters, f),
    noBody: true,
    // 201 made an attempt (with a row per question); 200 resumed one.
    watch: () => [
      onePerSuccess('attempt', (reply) => reply.status === 201),
      async (t) => {
        const before = await count(t, 'attempt_question');
        return async (replies) => {
          const expected = replies
            .filter((reply) => reply.status === 201)
            .reduce((sum, reply) => sum + parsed<{ question: { count: number } }>(reply).question.count, 0);
          expect({ attempt_question: (await count(t, 'attempt_question')) - before }).toEqual({ attempt_question: expected });
        };
      },
    ],
    expectSuccess: true,
  },
  {
    name: 'POST /api/auth/join',
    method: 'POST',
    path: () => fc.constant('/api/auth/join'),
    token: (f) => fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, fc.constantFrom(f.admin, f.players[0].token)),
    fields: (f) => ({
      token: {
        good: fc.constantFrom(...f.joinTokens),
        bad: fc.oneof(
          BAD_TOKENS,
          fc.constantFrom(f.players[0].token, f.admin, f.screen, `${f.joinTokens[0]}x`, f.joinTokens[0].slice(0, -2)),
          aroundLimit(2000),
          fc.string({ maxLength: 12 }),
        ),
      },
    }),
    watch: () => [sameRows('participant')],
    expectSuccess: true,
  },
];
