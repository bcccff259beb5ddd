import { AddressInfo } from 'node:net';
import { Socket, io } from 'socket.io-client';
import { OrgFactory } from './support/org-factory';
import { TestApp, startTestApp } from './support/test-app';

/**
 * A school (or a commune) runs its own race: its organiser makes it, only its people play it,
 * its boards and reports count its units' headcount, and nobody else's organiser can run it.
 */
describe('races of a unit', () => {
  let t: TestApp;
  let url: string;
  let admin: string;
  let questionIds: number[];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/live`;
    admin = await new OrgFactory(t).admin();
    questionIds = [];
    for (const text of ['Câu phạm vi một?', 'Câu phạm vi hai?']) {
      const res = await call(admin, 'post', '/api/questions')
        .send({
          type: 'single',
          text,
          choices: [
            { text: 'Có', correct: true },
            { text: 'Không', correct: false },
          ],
        })
        .expect(201);
      questionIds.push(res.body.id);
    }
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await t.close();
  });

  function call(token: string, method: 'get' | 'post', path: string) {
    return t.http()[method](path).auth(token, { type: 'bearer' }).set('accept-language', 'en');
  }

  /** A commune with two schools (one with a class), an organiser for each school, and a player in each. */
  async function commune() {
    const make = new OrgFactory(t);
    const top = await make.unit({ category: 'commune', headcount: 100 });
    const school = await make.unit({ category: 'school', parentCode: top.code, headcount: 30 });
    const classroom = await make.unit({ category: 'other', parentCode: school.code, headcount: 5 });
    const otherSchool = await make.unit({ category: 'school', parentCode: top.code, headcount: 40 });
    const inClass = await make.participant({ unitCode: classroom.code, fullName: 'Học sinh Trong Lớp' });
    const elsewhere = await make.participant({ unitCode: otherSchool.code, fullName: 'Giáo viên Trường Khác' });
    return {
      top,
      school,
      classroom,
      otherSchool,
      organiser: (await make.organiser(school.id)).token,
      outsider: (await make.organiser(otherSchool.id)).token,
      communeOrganiser: (await make.organiser(top.id)).token,
      insider: await make.participantToken(inClass.staffCode),
      stranger: await make.participantToken(elsewhere.staffCode),
    };
  }

  it("makes a unit organiser's race their unit's, and refuses a unit outside their subtree", async () => {
    const c = await commune();
    const mine = await call(c.organiser, 'post', '/api/races').send({ name: 'Đua của trường' }).expect(201);
    expect(mine.body).toMatchObject({ unitId: c.school.id, unitName: c.school.name, manageable: true, rounds: [] });
    const forClass = await call(c.organiser, 'post', '/api/races').send({ name: 'Đua của lớp', unitId: c.classroom.id }).expect(201);
    expect(forClass.body.unitId).toBe(c.classroom.id);
    expect((await call(c.organiser, 'post', '/api/races').send({ name: 'Đua trường khác', unitId: c.otherSchool.id }).expect(403)).body.code).toBe(
      'OUT_OF_SCOPE',
    );
    expect((await call(c.organiser, 'post', '/api/races').send({ name: 'Đua cả xã', unitId: c.top.id }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    await call(c.organiser, 'post', '/api/races').send({ name: 'Đua ma', unitId: 999999 }).expect(404);
    // The admin makes district races (no unit) or races for any unit.
    const district = await call(admin, 'post', '/api/races').send({ name: 'Đua toàn huyện' }).expect(201);
    expect(district.body).toMatchObject({ unitId: null, unitName: null, manageable: true });
    expect((await call(admin, 'post', '/api/races').send({ name: 'Đua trường khác', unitId: c.otherSchool.id }).expect(201)).body.unitId).toBe(
      c.otherSchool.id,
    );
  });

  it('lists the races of the subtree and those above it, and lets organisers run only their own', async () => {
    const c = await commune();
    const district = (await call(admin, 'post', '/api/races').send({ name: 'Đua toàn huyện' }).expect(201)).body.id as number;
    const communeRace = (await call(c.communeOrganiser, 'post', '/api/races').send({ name: 'Đua của xã' }).expect(201)).body.id as number;
    const schoolRace = (await call(c.organiser, 'post', '/api/races').send({ name: 'Đua của trường' }).expect(201)).body.id as number;
    const otherRace = (await call(c.outsider, 'post', '/api/races').send({ name: 'Đua trường khác' }).expect(201)).body.id as number;

    const listed = (await call(c.organiser, 'get', '/api/races').expect(200)).body as Array<{ id: number; manageable: boolean }>;
    const seen = new Map(listed.map((race) => [race.id, race.manageable]));
    expect(seen.get(district)).toBe(false);
    expect(seen.get(communeRace)).toBe(false);
    expect(seen.get(schoolRace)).toBe(true);
    expect(seen.has(otherRace)).toBe(false);
    await call(c.organiser, 'get', `/api/races/${otherRace}`).expect(403);
    expect((await call(c.communeOrganiser, 'get', `/api/races/${schoolRace}`).expect(200)).body.manageable).toBe(true);

    // Rounds: the school's organiser adds, opens and closes its own; not the commune's, not the other school's.
    const round = (name: string) => ({ name, mode: 'window', questionIds });
    for (const race of [district, communeRace, otherRace]) {
      expect((await call(c.organiser, 'post', `/api/races/${race}/rounds`).send(round('Vòng lạ')).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    }
    const own = (await call(c.organiser, 'post', `/api/races/${schoolRace}/rounds`).send(round('Vòng trường')).expect(201)).body.id as number;
    const above = (await call(c.communeOrganiser, 'post', `/api/races/${communeRace}/rounds`).send(round('Vòng xã')).expect(201)).body.id as number;
    const beside = (await call(c.outsider, 'post', `/api/races/${otherRace}/rounds`).send(round('Vòng trường khác')).expect(201)).body.id as number;
    await call(c.organiser, 'post', `/api/rounds/${above}/open`).expect(403);
    await call(c.organiser, 'post', `/api/rounds/${beside}/open`).expect(403);
    await call(c.organiser, 'get', `/api/rounds/${beside}`).expect(403);
    await call(c.organiser, 'get', `/api/rounds/${above}`).expect(200);
    await call(c.organiser, 'post', `/api/rounds/${own}/open`).expect(200);
    await call(c.outsider, 'post', `/api/rounds/${own}/close`).expect(403);
    await call(c.communeOrganiser, 'post', `/api/rounds/${own}/close`).expect(200);
    // Nothing was changed by the refusals.
    expect((await call(admin, 'get', `/api/rounds/${above}`).expect(200)).body.status).toBe('draft');
    expect((await call(admin, 'get', `/api/races/${otherRace}`).expect(200)).body.rounds).toHaveLength(1);
  });

  it("lets only the race's subtree play it, over HTTP and on the live socket", async () => {
    const c = await commune();
    const race = (await call(c.organiser, 'post', '/api/races').send({ name: 'Đua chơi trong trường' }).expect(201)).body.id as number;
    const window = (await call(c.organiser, 'post', `/api/races/${race}/rounds`).send({ name: 'Vòng tự do', mode: 'window', questionIds }).expect(201)).body
      .id as number;
    const live = (await call(c.organiser, 'post', `/api/races/${race}/rounds`).send({ name: 'Vòng sân khấu', mode: 'live', questionIds }).expect(201)).body
      .id as number;
    for (const round of [window, live]) await call(c.organiser, 'post', `/api/rounds/${round}/open`).expect(200);

    const mine = (await call(c.insider, 'get', '/api/me/rounds').expect(200)).body.map((round: { id: number }) => round.id);
    expect(mine).toEqual(expect.arrayContaining([window, live]));
    const theirs = (await call(c.stranger, 'get', '/api/me/rounds').expect(200)).body.map((round: { id: number }) => round.id);
    expect(theirs).not.toContain(window);
    expect(theirs).not.toContain(live);

    const refused = await call(c.stranger, 'post', `/api/rounds/${window}/attempts`).expect(403);
    expect(refused.body.code).toBe('NOT_IN_RACE');
    const started = await call(c.insider, 'post', `/api/rounds/${window}/attempts`).expect(201);
    expect(started.body.question).not.toBeNull();

    const join = async (token: string) => {
      const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      return (await socket.timeout(5000).emitWithAck('live:join', { roundId: live })) as { ok: boolean; code?: string; status?: number };
    };
    expect(await join(c.stranger)).toMatchObject({ ok: false, code: 'NOT_IN_RACE' });
    expect(await join(c.insider)).toMatchObject({ ok: true });
    // Organisers follow only the live rounds of races they can see.
    expect(await join(c.outsider)).toMatchObject({ ok: false, statusCode: 403, code: 'OUT_OF_SCOPE' });
    expect(await join(c.organiser)).toMatchObject({ ok: true, watching: true });
    // Only the insider has an attempt in either round.
    const results = await call(c.organiser, 'get', `/api/reports/rounds/${window}/results`).expect(200);
    expect(results.body.participants.map((p: { fullName: string }) => p.fullName)).toEqual([]);

    // The live screen is run by the race's organisers only.
    await call(c.outsider, 'post', `/api/rounds/${live}/live/next`).expect(403);
    expect((await call(c.organiser, 'post', `/api/rounds/${live}/live/next`).expect(200)).body.question).not.toBeNull();
  });

  it('moves a merged unit’s races to the unit it joins, so its people can still play them', async () => {
    const c = await commune();
    const race = (await call(c.organiser, 'post', '/api/races').send({ name: 'Đua trước sáp nhập' }).expect(201)).body.id as number;
    const round = (await call(c.organiser, 'post', `/api/races/${race}/rounds`).send({ name: 'Vòng', mode: 'window', questionIds }).expect(201)).body
      .id as number;
    await call(c.organiser, 'post', `/api/rounds/${round}/open`).expect(200);
    await call(admin, 'post', `/api/units/${c.school.id}/merge`).send({ intoCode: c.otherSchool.code }).expect(200);
    expect((await call(admin, 'get', `/api/races/${race}`).expect(200)).body).toMatchObject({ unitId: c.otherSchool.id, unitName: c.otherSchool.name });
    // The class moved under the other school with the merge, and the other school's people are in the race now.
    await call(c.insider, 'post', `/api/rounds/${round}/attempts`).expect(201);
    await call(c.stranger, 'post', `/api/rounds/${round}/attempts`).expect(201);
  });

  it('moves a merged unit’s standings to the unit it joins, and counts its people’s later answers there', async () => {
    const c = await commune();
    const race = (await call(admin, 'post', '/api/races').send({ name: 'Đua qua sáp nhập' }).expect(201)).body.id as number;
    const round = (
      await call(admin, 'post', `/api/races/${race}/rounds`).send({ name: 'Vòng', mode: 'window', questionIds, revealAnswers: 'immediately' }).expect(201)
    ).body.id as number;
    await call(admin, 'post', `/api/rounds/${round}/open`).expect(200);
    const answerOne = async (token: string) => {
      const attempt = (await call(token, 'post', `/api/rounds/${round}/attempts`).expect(201)).body;
      const question = (await call(admin, 'get', `/api/questions/${attempt.question.id}`).expect(200)).body;
      // Answered with the attempt's own handle for the organiser's first choice.
      const handle = attempt.question.choices.find((c: { text: string }) => c.text === question.choices[0].text).id;
      return (
        await call(token, 'post', `/api/attempts/${attempt.attemptId}/answers`)
          .send({ questionId: question.id, choiceIds: [handle] })
          .expect(200)
      ).body.score as number;
    };
    const scored = await answerOne(c.insider);
    const unitsOf = async (scope: string) =>
      new Map(
        (
          (await call(admin, 'get', `/api/leaderboards/units?${scope}&limit=500`).expect(200)).body.entries as Array<{
            id: number;
            participants: number;
            score: number;
          }>
        ).map((e) => [e.id, e]),
      );
    expect((await unitsOf(`race=${race}`)).get(c.classroom.id)).toMatchObject({ participants: 1, score: scored });

    // The class folds into the other school: its player and points are that school's now, on the race and the round.
    await call(admin, 'post', `/api/units/${c.classroom.id}/merge`).send({ intoCode: c.otherSchool.code }).expect(200);
    for (const scope of [`race=${race}`, `round=${round}`]) {
      const units = await unitsOf(scope);
      expect(units.has(c.classroom.id)).toBe(false);
      expect(units.get(c.otherSchool.id)).toMatchObject({ participants: 1, score: scored });
    }
    const more = await answerOne(c.stranger);
    expect((await unitsOf(`race=${race}`)).get(c.otherSchool.id)).toMatchObject({ participants: 2, score: scored + more });
  });

  it("makes a screen's link show a race the organiser may see, and refuses others without making a token", async () => {
    const c = await commune();
    const mine = (await call(c.organiser, 'post', '/api/races').send({ name: 'Đua trên màn hình' }).expect(201)).body.id as number;
    const theirs = (await call(c.outsider, 'post', '/api/races').send({ name: 'Đua trường khác' }).expect(201)).body.id as number;
    const made = (await call(c.organiser, 'post', '/api/screen-tokens').send({ label: 'Hội trường trường', raceId: mine }).expect(201)).body;
    expect(made.url).toMatch(new RegExp(`/screen\\?token=[^&]+&race=${mine}$`));
    const before = (await call(c.organiser, 'get', '/api/screen-tokens').expect(200)).body.length;
    expect((await call(c.organiser, 'post', '/api/screen-tokens').send({ label: 'Sai', raceId: theirs }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    await call(c.organiser, 'post', '/api/screen-tokens').send({ label: 'Sai', raceId: 999999 }).expect(404);
    await call(c.organiser, 'post', '/api/screen-tokens').send({ label: 'Sai', raceId: 'một' }).expect(400);
    expect((await call(c.organiser, 'get', '/api/screen-tokens').expect(200)).body).toHaveLength(before);
  });

  it("counts the race's units only on its boards and in its turnout report", async () => {
    const c = await commune();
    const race = (await call(c.organiser, 'post', '/api/races').send({ name: 'Đua đếm người' }).expect(201)).body.id as number;
    const units = (await call(c.organiser, 'get', `/api/leaderboards/units?race=${race}&limit=500`).expect(200)).body;
    expect(units.entries.map((entry: { id: number }) => entry.id).sort()).toEqual([c.school.id, c.classroom.id].sort());
    // A unit outside the race's subtree has nothing on the race's boards.
    const outside = (await call(admin, 'get', `/api/leaderboards/units?race=${race}&unitId=${c.otherSchool.id}`).expect(200)).body;
    expect(outside).toMatchObject({ total: 0, entries: [] });

    const turnout = (await call(admin, 'get', `/api/reports/participation?race=${race}`).expect(200)).body;
    expect(turnout.total.headcount).toBe(35);
    expect(turnout.units.map((unit: { id: number }) => unit.id).sort()).toEqual([c.school.id, c.classroom.id].sort());
    const missing = (await call(admin, 'get', `/api/reports/non-participants?race=${race}`).expect(200)).body;
    expect(missing.items.map((person: { fullName: string }) => person.fullName)).toEqual(['Học sinh Trong Lớp']);
    await call(c.outsider, 'get', `/api/reports/participation?race=${race}`).expect(403);
    await call(c.outsider, 'get', `/api/reports/non-participants.csv?race=${race}`).expect(403);
  });
});
