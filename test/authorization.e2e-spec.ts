import { OrgFactory } from './support/org-factory';
import { TestApp, startTestApp } from './support/test-app';

type Caller = 'anonymous' | 'admin' | 'organiser' | 'outsider' | 'participant' | 'screen';
// Admin last: its calls succeed, and a merge or a revoke must not change what the others meet.
const CALLERS: Caller[] = ['anonymous', 'participant', 'screen', 'outsider', 'organiser', 'admin'];

interface World {
  tokens: Record<Exclude<Caller, 'anonymous'>, string>;
  /** A subtree the `organiser` manages and `outsider` does not. */
  own: { unitId: number; unitCode: string; childId: number; participantId: number; clanCode: string };
  /** A subtree outside the `organiser`'s. */
  foreign: { unitId: number; unitCode: string; participantId: number };
  /** A screen token made by a third organiser. */
  screenId: number;
  /** A race of the district unit, made by the third organiser, with a draft round. */
  raceId: number;
  raceRoundId: number;
  /** A race of `own`, made by `organiser`, with a draft round. */
  ownRaceId: number;
  ownRoundId: number;
}

interface Case {
  name: string;
  request: (w: World) => { method: 'get' | 'post' | 'patch' | 'delete'; url: string; body?: object };
  expect: Record<Caller, number>;
}

const ALL_SIGNED_IN = { anonymous: 401, participant: 403, screen: 403 } as const;

/**
 * Role × endpoint. `organiser` manages `own`; `outsider` manages another subtree. Every call
 * that names something outside the caller's subtree must be refused.
 */
const CASES: Case[] = [
  {
    name: 'create organiser',
    request: () => ({
      method: 'post',
      url: '/api/organisers',
      body: { username: `o${Date.now()}${Math.random().toString(36).slice(2, 6)}`, password: 'long-enough-password', role: 'organiser' },
    }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 403, outsider: 403 },
  },
  {
    name: 'list organisers',
    request: () => ({ method: 'get', url: '/api/organisers' }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 403, outsider: 403 },
  },
  {
    name: 'create screen token',
    request: () => ({ method: 'post', url: '/api/screen-tokens', body: { label: 'Hội trường' } }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 201, outsider: 201 },
  },
  {
    name: 'revoke another organiser’s screen token',
    request: (w) => ({ method: 'delete', url: `/api/screen-tokens/${w.screenId}` }),
    expect: { ...ALL_SIGNED_IN, admin: 204, organiser: 403, outsider: 403 },
  },
  { name: 'list units', request: () => ({ method: 'get', url: '/api/units' }), expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 200, outsider: 200 } },
  {
    name: 'read own unit',
    request: (w) => ({ method: 'get', url: `/api/units/${w.own.unitId}` }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 200, outsider: 403 },
  },
  {
    name: 'read foreign unit',
    request: (w) => ({ method: 'get', url: `/api/units/${w.foreign.unitId}` }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 403, outsider: 200 },
  },
  {
    name: 'create unit under own',
    request: (w) => ({
      method: 'post',
      url: '/api/units',
      body: { code: OrgFactory.unique('M'), name: 'Tổ mới', category: 'other', headcount: 1, parentCode: w.own.unitCode },
    }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 201, outsider: 403 },
  },
  {
    name: 'create root unit',
    request: () => ({ method: 'post', url: '/api/units', body: { code: OrgFactory.unique('R'), name: 'Gốc', category: 'other', headcount: 1 } }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 403, outsider: 403 },
  },
  {
    name: 'rename own child unit',
    request: (w) => ({ method: 'patch', url: `/api/units/${w.own.childId}`, body: { headcount: 12 } }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 200, outsider: 403 },
  },
  {
    name: 'move own child under foreign unit',
    request: (w) => ({ method: 'patch', url: `/api/units/${w.own.childId}`, body: { parentCode: w.foreign.unitCode } }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 403, outsider: 403 },
  },
  {
    name: 'merge foreign into own',
    request: (w) => ({ method: 'post', url: `/api/units/${w.foreign.unitId}/merge`, body: { intoCode: w.own.unitCode } }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 403, outsider: 403 },
  },
  {
    name: 'create clan in own unit',
    request: (w) => ({ method: 'post', url: '/api/clans', body: { code: OrgFactory.unique('C'), name: 'Dòng họ Đỗ', unitCode: w.own.unitCode } }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 201, outsider: 403 },
  },
  {
    name: 'create clan with no unit',
    request: () => ({ method: 'post', url: '/api/clans', body: { code: OrgFactory.unique('C'), name: 'Dòng họ Phùng' } }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 403, outsider: 403 },
  },
  { name: 'list clans', request: () => ({ method: 'get', url: '/api/clans' }), expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 200, outsider: 200 } },
  {
    name: 'create participant in own unit',
    request: (w) => ({
      method: 'post',
      url: '/api/participants',
      body: { staffCode: OrgFactory.unique('P'), fullName: 'Vũ Thị Hoa', unitCode: w.own.unitCode, clanCode: w.own.clanCode },
    }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 201, outsider: 403 },
  },
  {
    name: 'create participant in foreign unit',
    request: (w) => ({
      method: 'post',
      url: '/api/participants',
      body: { staffCode: OrgFactory.unique('P'), fullName: 'Vũ Thị Hoa', unitCode: w.foreign.unitCode },
    }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 403, outsider: 201 },
  },
  {
    name: 'list participants',
    request: () => ({ method: 'get', url: '/api/participants' }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 200, outsider: 200 },
  },
  {
    name: 'list participants of foreign unit',
    request: (w) => ({ method: 'get', url: `/api/participants?unitId=${w.foreign.unitId}` }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 403, outsider: 200 },
  },
  {
    name: 'read own participant',
    request: (w) => ({ method: 'get', url: `/api/participants/${w.own.participantId}` }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 200, outsider: 403 },
  },
  {
    name: 'change foreign participant',
    request: (w) => ({ method: 'patch', url: `/api/participants/${w.foreign.participantId}`, body: { fullName: 'Đỗ Văn Hùng' } }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 403, outsider: 200 },
  },
  {
    name: 'move own participant to foreign unit',
    request: (w) => ({ method: 'patch', url: `/api/participants/${w.own.participantId}`, body: { unitCode: w.foreign.unitCode } }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 403, outsider: 403 },
  },
  {
    name: 'join link for own participant',
    request: (w) => ({ method: 'post', url: `/api/participants/${w.own.participantId}/join-link` }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 201, outsider: 403 },
  },
  {
    name: 'participant reads itself',
    request: () => ({ method: 'get', url: '/api/me' }),
    expect: { anonymous: 401, admin: 403, organiser: 403, outsider: 403, participant: 200, screen: 403 },
  },
  {
    name: 'who am I',
    request: () => ({ method: 'get', url: '/api/auth/me' }),
    expect: { anonymous: 401, admin: 200, organiser: 200, outsider: 200, participant: 200, screen: 200 },
  },
  {
    name: 'list races (screens show them)',
    request: () => ({ method: 'get', url: '/api/races' }),
    expect: { anonymous: 401, admin: 200, organiser: 200, outsider: 200, participant: 403, screen: 200 },
  },
  {
    name: 'turnout report of own unit',
    request: (w) => ({ method: 'get', url: `/api/reports/participation?race=${w.raceId}&unitId=${w.own.unitId}` }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 200, outsider: 403 },
  },
  {
    name: 'non-participants of a foreign unit',
    request: (w) => ({ method: 'get', url: `/api/reports/non-participants.csv?race=${w.raceId}&unitId=${w.foreign.unitId}` }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 403, outsider: 200 },
  },
  {
    name: 'create race for own unit',
    request: (w) => ({ method: 'post', url: '/api/races', body: { name: 'Đua của xã', unitId: w.own.unitId } }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 201, outsider: 403 },
  },
  {
    name: 'create race for foreign unit',
    request: (w) => ({ method: 'post', url: '/api/races', body: { name: 'Đua xã khác', unitId: w.foreign.unitId } }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 403, outsider: 201 },
  },
  {
    name: 'read own race',
    request: (w) => ({ method: 'get', url: `/api/races/${w.ownRaceId}` }),
    expect: { anonymous: 401, participant: 403, screen: 200, admin: 200, organiser: 200, outsider: 403 },
  },
  {
    name: 'read the race above',
    request: (w) => ({ method: 'get', url: `/api/races/${w.raceId}` }),
    expect: { anonymous: 401, participant: 403, screen: 200, admin: 200, organiser: 200, outsider: 200 },
  },
  {
    name: 'add a round to own race',
    request: (w) => ({ method: 'post', url: `/api/races/${w.ownRaceId}/rounds`, body: { name: 'Vòng thêm', mode: 'window', draw: { count: 1 } } }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 201, outsider: 403 },
  },
  {
    name: 'add a round to the race above',
    request: (w) => ({ method: 'post', url: `/api/races/${w.raceId}/rounds`, body: { name: 'Vòng thêm', mode: 'window', draw: { count: 1 } } }),
    expect: { ...ALL_SIGNED_IN, admin: 201, organiser: 403, outsider: 403 },
  },
  // The organiser opens it first; the admin then finds it open.
  {
    name: 'open a round of own race',
    request: (w) => ({ method: 'post', url: `/api/rounds/${w.ownRoundId}/open` }),
    expect: { ...ALL_SIGNED_IN, admin: 409, organiser: 200, outsider: 403 },
  },
  {
    name: 'open a round of the race above',
    request: (w) => ({ method: 'post', url: `/api/rounds/${w.raceRoundId}/open` }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 403, outsider: 403 },
  },
  {
    name: 'results of a round of own race',
    request: (w) => ({ method: 'get', url: `/api/reports/rounds/${w.ownRoundId}/results` }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 200, outsider: 403 },
  },
  {
    name: 'turnout of own race',
    request: (w) => ({ method: 'get', url: `/api/reports/participation?race=${w.ownRaceId}` }),
    expect: { ...ALL_SIGNED_IN, admin: 200, organiser: 200, outsider: 403 },
  },
  {
    name: 'health',
    request: () => ({ method: 'get', url: '/health' }),
    expect: { anonymous: 200, admin: 200, organiser: 200, outsider: 200, participant: 200, screen: 200 },
  },
];

describe('authorisation matrix (role × endpoint)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // A fresh world per case, so one case's changes (a merge, a move) cannot decide another's.
  async function world(): Promise<World> {
    const make = new OrgFactory(t);
    const district = await make.unit({ category: 'district_office' });
    const own = await make.unit({ category: 'commune', parentCode: district.code });
    const child = await make.unit({ category: 'school', parentCode: own.code });
    const foreign = await make.unit({ category: 'commune', parentCode: district.code });
    const clan = await make.clan({ unitCode: own.code });
    const ownPerson = await make.participant({ unitCode: child.code });
    const foreignPerson = await make.participant({ unitCode: foreign.code });
    const organiser = await make.organiser(own.id);
    const outsider = await make.organiser(foreign.id);
    const third = await make.organiser(district.id);
    const thirdScreen = await t.http().post('/api/screen-tokens').auth(third.token, { type: 'bearer' }).send({ label: 'Hội trường' }).expect(201);
    const race = await t.http().post('/api/races').auth(third.token, { type: 'bearer' }).send({ name: 'Đua phân quyền' }).expect(201);
    await t
      .http()
      .post('/api/questions')
      .auth(await make.admin(), { type: 'bearer' })
      .send({
        type: 'truefalse',
        text: 'Câu phân quyền?',
        choices: [
          { text: 'Đúng', correct: true },
          { text: 'Sai', correct: false },
        ],
      })
      .expect(201);
    const round = { name: 'Vòng phân quyền', mode: 'window', draw: { count: 1 } };
    const raceRound = await t.http().post(`/api/races/${race.body.id}/rounds`).auth(third.token, { type: 'bearer' }).send(round).expect(201);
    const ownRace = await t.http().post('/api/races').auth(organiser.token, { type: 'bearer' }).send({ name: 'Đua của xã' }).expect(201);
    const ownRound = await t.http().post(`/api/races/${ownRace.body.id}/rounds`).auth(organiser.token, { type: 'bearer' }).send(round).expect(201);
    return {
      tokens: {
        admin: await make.admin(),
        organiser: organiser.token,
        outsider: outsider.token,
        participant: await make.participantToken(ownPerson.staffCode),
        screen: await make.screenToken(),
      },
      own: { unitId: own.id, unitCode: own.code, childId: child.id, participantId: ownPerson.id, clanCode: clan.code },
      foreign: { unitId: foreign.id, unitCode: foreign.code, participantId: foreignPerson.id },
      screenId: thirdScreen.body.id,
      raceId: race.body.id,
      raceRoundId: raceRound.body.id,
      ownRaceId: ownRace.body.id,
      ownRoundId: ownRound.body.id,
    };
  }

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    const w = await world();
    const seen: Record<string, number> = {};
    for (const caller of CALLERS) {
      const { method, url, body } = testCase.request(w);
      let req = t.http()[method](url);
      if (caller !== 'anonymous') req = req.auth(w.tokens[caller], { type: 'bearer' });
      const res = body ? await req.send(body) : await req;
      seen[caller] = res.status;
    }
    expect(seen).toEqual(testCase.expect);
  });

  it('lists only the caller’s subtree', async () => {
    const w = await world();
    const units = await t.http().get('/api/units').auth(w.tokens.organiser, { type: 'bearer' }).expect(200);
    expect(units.body.map((u: { id: number }) => u.id).sort()).toEqual([w.own.unitId, w.own.childId].sort());
    const people = await t.http().get('/api/participants?limit=500').auth(w.tokens.organiser, { type: 'bearer' }).expect(200);
    expect(people.body.items.map((p: { id: number }) => p.id)).toEqual([w.own.participantId]);
    const clans = await t.http().get('/api/clans').auth(w.tokens.outsider, { type: 'bearer' }).expect(200);
    expect(clans.body).toEqual([]);
  });
});
