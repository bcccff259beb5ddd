import fc from 'fast-check';
import { AddressInfo } from 'node:net';
import { TestApp, startTestApp } from '../support/test-app';
import { Field, LANGUAGES, aroundLimit, goodRecord, ignoredBodies, jsonBodies, segmentIn, shapedRecord, text, vietnamese } from './fuzz/arbitraries';
import { BODY_TARGETS } from './fuzz/body-targets';
import { CATEGORIES, badPin, goodPin } from './fuzz/body-targets-org';
import { sameRows } from './fuzz/checks';
import { Call, FUZZ_RUNS, HttpClient, MAX_ID, SEED, fuzz, isOk, samples, tallies } from './fuzz/client';
import { Fixture, buildFixture } from './fuzz/fixture';
import { fuzzParticipantImport, fuzzQuestionImport, fuzzUnitImport } from './fuzz/imports';
import {
  LiveFloor,
  fuzzBoardSubscribe,
  fuzzBoardUnsubscribe,
  fuzzLiveAnswer,
  fuzzLiveJoin,
  fuzzOddAnswerArguments,
  fuzzUnknownEvents,
} from './fuzz/live-events';
import { numbersIn, queryString } from './fuzz/queries';
import { BAD_TOKENS, organiserTokens } from './fuzz/tokens';
import { fuzzWindowAnswers } from './fuzz/window-answers';

/**
 * The fault run: fast-check sends FUZZ_RUNS (10,000) generated bodies to every endpoint
 * that takes one, files to every import, queries to the main lists, boards and reports, and
 * payloads with every client event on `/live`. Never a 5xx or a failed ack of 5xx, never a write
 * left half done, and the app still answers /health at the end.
 *
 * FUZZ_RUNS=300 gives a quick look; FUZZ_SEED replays a run (every failure prints it), and
 * FUZZ_SEED=random explores new inputs. CI keeps one seed so that a red run is about the change,
 * not the draw; this one found the xlsx with a lying entry header.
 */
describe(`generated input, ${FUZZ_RUNS} per endpoint and per socket event (FUZZ_SEED=${SEED})`, () => {
  let t: TestApp;
  let f: Fixture;
  let http: HttpClient;
  let base: string;
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String((error as Error)?.stack ?? error));

  beforeAll(async () => {
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    // Behind the loopback "proxy" the sign-in fuzz can come from many addresses (X-Forwarded-For).
    // The read limits have their own tests; here they would answer most of 10,000 reads with 429 before validation sees them.
    t = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1', READ_LIMIT_BOARDS_PER_MINUTE: '1000000', READ_LIMIT_COSTLY_PER_MINUTE: '1000000' } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    http = new HttpClient(t, base);
    f = await buildFixture(t);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    await http?.close();
    await t?.close();
    const lines = [...tallies].map(([name, entry]) => {
      const statuses = [...entry.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
      return `${name.padEnd(48)} ${String(entry.sent).padStart(6)} sent, ${String(entry.ok).padStart(5)} ok   ${statuses.join(' ')}`;
    });
    console.log(`FUZZ_SEED=${SEED}\n${lines.join('\n')}`);
  });

  describe('queries', () => {
    const runQueries = async (name: string, paths: fc.Arbitrary<string>, query: fc.Arbitrary<string>, token: fc.Arbitrary<string>) => {
      const calls = samples(name, fc.tuple(paths, query, token, LANGUAGES)).map(([path, q, tokenUsed, language]): Call => ({
        method: 'GET',
        path: path + q,
        token: tokenUsed,
        language,
      }));
      await fuzz(http, name, calls, [(replies) => expect(replies.some(isOk)).toBe(true)]);
    };

    it('GET /api/units', () =>
      runQueries(
        'GET /api/units',
        fc.constant('/api/units'),
        queryString({ category: CATEGORIES, includeMerged: fc.constantFrom('true', 'false', '1', '0', 'yes') }),
        organiserTokens(f),
      ));

    it('GET /api/participants', () =>
      runQueries(
        'GET /api/participants',
        fc.constant('/api/participants'),
        queryString({
          unitId: numbersIn(f.unitIds),
          q: fc.oneof(vietnamese, fc.constantFrom('nguyen van', 'FZPL', 'fz', '%', '_', '\\', 'NV\\', "'")),
          limit: fc.constantFrom('1', '50', '500', '501'),
          offset: fc.constantFrom('0', '10', String(MAX_ID), String(MAX_ID + 1)),
        }),
        organiserTokens(f),
      ));

    it('GET /api/questions (list, topics, export)', () =>
      runQueries(
        'GET /api/questions',
        fc.oneof({ weight: 16, arbitrary: fc.constant('/api/questions') }, fc.constantFrom('/api/questions/topics', '/api/questions/export')),
        queryString({
          topic: fc.constantFrom(...f.topics, 'Trợ lý AI'.normalize('NFD'), ''),
          limit: fc.constantFrom('1', '50', '500', '501'),
          offset: fc.constantFrom('0', '99', String(MAX_ID)),
          includeRetired: fc.constantFrom('true', 'false', 'yes'),
          format: fc.oneof({ weight: 4, arbitrary: fc.constant('csv') }, fc.constantFrom('xlsx', 'pdf', 'CSV')),
        }),
        organiserTokens(f),
      ));

    it('GET /api/leaderboards/:board', () =>
      runQueries(
        'GET /api/leaderboards/:board',
        fc
          .oneof(
            { weight: 8, arbitrary: fc.constantFrom('individuals', 'units', 'categories', 'schools', 'clans', 'individuals/me') },
            fc.constantFrom('unit', 'INDIVIDUALS', '__proto__', 'constructor', '%2e%2e', 'me'),
          )
          .map((board) => `/api/leaderboards/${board}`),
        queryString({
          race: numbersIn([f.raceId, f.sandboxRaceId]),
          round: numbersIn([f.windowRoundId, f.liveRoundId]),
          limit: fc.constantFrom('1', '20', '500', '501'),
          offset: fc.constantFrom('0', '5', '10000000', '10000001'),
          unitId: numbersIn(f.unitIds),
          sort: fc.constantFrom('participation', 'perHead', 'average', 'total', 'PERHEAD', 'score'),
        }),
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(f.admin, f.screen, f.scoped) },
          { weight: 3, arbitrary: fc.constantFrom(...f.players.map((player) => player.token)) },
          { weight: 1, arbitrary: BAD_TOKENS },
        ),
      ));

    it('GET /api/reports/*', () =>
      runQueries(
        'GET /api/reports/*',
        fc.oneof(
          {
            weight: 20,
            arbitrary: fc.constantFrom(
              '/api/reports/participation',
              '/api/reports/non-participants',
              '/api/reports/participation.csv',
              '/api/reports/non-participants.csv',
            ),
          },
          { weight: 8, arbitrary: segmentIn([f.windowRoundId, f.liveRoundId]).map((id) => `/api/reports/rounds/${id}/results`) },
          // Workbooks are the slowest replies; a few of each are enough to cross the code.
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              '/api/reports/participation.xlsx',
              '/api/reports/non-participants.xlsx',
              `/api/reports/rounds/${f.windowRoundId}/results.xlsx`,
              `/api/reports/rounds/${f.windowRoundId}/results.csv`,
            ),
          },
        ),
        queryString({
          race: numbersIn([f.raceId, f.sandboxRaceId]),
          round: numbersIn([f.windowRoundId, f.liveRoundId]),
          unitId: numbersIn(f.unitIds),
          limit: fc.constantFrom('1', '100', '1000', '1001'),
          offset: fc.constantFrom('0', '3', String(MAX_ID)),
        }),
        organiserTokens(f),
      ));

    it('GET one row by id (units, participants, questions, races, rounds)', () =>
      runQueries(
        'GET /api/<kind>/:id',
        fc.oneof(
          segmentIn(f.unitIds).map((id) => `/api/units/${id}`),
          segmentIn(f.patchParticipantIds).map((id) => `/api/participants/${id}`),
          segmentIn(f.bankIds).map((id) => `/api/questions/${id}`),
          segmentIn([f.raceId, f.sandboxRaceId]).map((id) => `/api/races/${id}`),
          segmentIn([f.windowRoundId, f.liveRoundId]).map((id) => `/api/rounds/${id}`),
        ),
        fc.constant(''),
        organiserTokens(f),
      ));
  });

  // Before the imports and bodies add thousands of units: a board snapshot's cost grows with them.
  describe('socket events on /live', () => {
    const floor = new LiveFloor();

    beforeAll(() => floor.open(t, f, base));

    afterAll(() => floor.close());

    it('live:join', () => fuzzLiveJoin(t, f, floor));

    it('live:answer', () => fuzzLiveAnswer(t, f, floor));

    it('live:answer without a payload, or with two, is answered all the same', () => fuzzOddAnswerArguments(f, floor));

    it('board:subscribe', () => fuzzBoardSubscribe(f, floor));

    // Not an event the server knows (screens just disconnect): a failed ack, or an error event when sent without one.
    it('board:unsubscribe', () => fuzzBoardUnsubscribe(f, floor));

    it('event names the server does not know', () => fuzzUnknownEvents(floor));
  });

  describe('imports', () => {
    it('POST /api/units/import', () => fuzzUnitImport(t, f, http));

    it('POST /api/participants/import', () => fuzzParticipantImport(t, f, http));

    it('POST /api/questions/import', () => fuzzQuestionImport(t, f, http));
  });

  describe('bodies', () => {
    it.each(BODY_TARGETS.map((target) => [target.name, target] as const))('%s', async (name, target) => {
      const fields = target.fields?.(f) ?? {};
      const bodies = target.noBody
        ? ignoredBodies
        : jsonBodies(target.good?.(f) ?? goodRecord(fields), shapedRecord(fields, target.costly ? 1 : 2), target.costly ? 1 : 6);
      const calls = samples(name, fc.tuple(target.path(f), (target.token ?? organiserTokens)(f), bodies)).map(([path, token, sent]): Call => ({
        method: target.method,
        path,
        token,
        ...sent,
      }));
      const checks = await Promise.all(target.watch(f).map((watch) => watch(t)));
      await fuzz(http, name, calls, [...checks, (replies) => target.expectSuccess && expect(replies.some(isOk)).toBe(true)]);
    });

    it('POST /api/attempts/:id/answers', () => fuzzWindowAnswers(t, f, http));
  });

  // Last: failed sign-ins block an address for 15 minutes, and every token above is already issued.
  describe('sign-in', () => {
    // Most tries come from one address, soon blocked (429); one in ten from an address of its
    // own, so generated names and secrets also reach the account lookup and the hash check.
    const ADDRESSES = fc.oneof({ weight: 9, arbitrary: fc.constant('198.51.100.7') }, fc.ipV4());

    it('POST /api/auth/participant', async () => {
      const name = 'POST /api/auth/participant';
      const fields: Record<string, Field> = {
        staffCode: {
          good: fc.constantFrom(f.signIn.staffCode, f.signIn.staffCode.toLowerCase(), ` ${f.signIn.staffCode} `, 'NOSUCHSTAFF'),
          bad: fc.oneof(text(50), aroundLimit(50)),
        },
        pin: { good: fc.oneof(fc.constant(f.signIn.pin), goodPin), bad: badPin },
      };
      const calls = samples(name, fc.tuple(jsonBodies(goodRecord(fields), shapedRecord(fields)), ADDRESSES)).map(([sent, forwardedFor]): Call => ({
        method: 'POST',
        path: '/api/auth/participant',
        ...sent,
        forwardedFor,
      }));
      await fuzz(http, name, calls, await Promise.all([sameRows('participant')(t)]));
    });

    it('POST /api/auth/login (never as admin, whose account must stay usable)', async () => {
      const name = 'POST /api/auth/login';
      const fields: Record<string, Field> = {
        username: { good: fc.constantFrom(f.login.username, f.login.username.toUpperCase(), 'no-such-organiser'), bad: fc.oneof(text(100), aroundLimit(100)) },
        password: {
          good: fc.oneof(fc.constant(f.login.password), fc.string({ minLength: 1, maxLength: 40 })),
          bad: fc.oneof(aroundLimit(200), fc.constant('')),
        },
      };
      // The app trims and lowercases usernames: " ADMIN " is the admin too.
      const notAdmin = (body: string | undefined) => body?.replace(/"username":"\s*admin\s*"/gi, '"username":"not-the-admin"');
      const calls = samples(name, fc.tuple(jsonBodies(goodRecord(fields), shapedRecord(fields)), ADDRESSES)).map(([sent, forwardedFor]): Call => ({
        method: 'POST',
        path: '/api/auth/login',
        ...sent,
        body: notAdmin(sent.body),
        forwardedFor,
      }));
      await fuzz(http, name, calls, await Promise.all([sameRows('organiser')(t)]));
      // The admin's token still works: a lockout elsewhere did not reach it.
      expect((await http.send([{ method: 'GET', path: '/api/organisers', token: f.admin }]))[0].status).toBe(200);
    });
  });

  it('the app is still up and nothing crashed in the process', async () => {
    const [health] = await http.send([{ method: 'GET', path: '/health' }]);
    expect(health.status).toBe(200);
    expect(crashes).toEqual([]);
  });
});
