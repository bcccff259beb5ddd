import { Socket } from 'socket.io-client';
import { Entry, LEADERBOARDS, LeaderboardApps, Update } from './support/boards';
import { OrgFactory } from './support/org-factory';
import { sql } from './support/sql';
import { TestApp, eventually } from './support/test-app';

// What the boards show: a race watched by screens from before the first answer, and a person who
// moved between rounds. Refused and capped requests are in boards-refusals.e2e-spec.ts.
describe(LEADERBOARDS, () => {
  const apps = new LeaderboardApps();
  const { connect, as } = apps;
  let t: TestApp;
  let other: TestApp;
  let admin: string;

  beforeAll(async () => {
    ({ t, other, admin } = await apps.start());
  });
  afterAll(() => apps.close());

  describe('a race played by two people of one district, watched from before the first answer', () => {
    let district: { id: number; code: string };
    let commune: { id: number; code: string };
    let school: { id: number; code: string };
    let leHuu: { id: number; code: string };
    let nguyen: { id: number; code: string };
    let an: { id: number; staffCode: string };
    let binh: { id: number; staffCode: string };
    let race: number;
    let round: number;
    let anToken: string;
    let screen: Socket;
    /** What the first screen was told when it subscribed, before any answer. */
    let subscribed: { ok: boolean; seq: number; snapshot: unknown };
    /** Every update each screen received: `screen` on the second instance, `near` on the first. */
    const updates: Update[] = [];
    const nearUpdates: Update[] = [];

    beforeAll(async () => {
      const make = new OrgFactory(t);
      district = await make.unit({ name: 'Huyện Thử', category: 'district_office', headcount: 0 });
      commune = await make.unit({ name: 'Xã Hạ Mỗ', category: 'commune', parentCode: district.code, headcount: 10 });
      school = await make.unit({ name: 'Trường TH Hạ Mỗ', category: 'school', parentCode: district.code, headcount: 5 });
      leHuu = await make.clan({ name: 'Họ Lê Hữu' });
      nguyen = await make.clan({ name: 'Họ Nguyễn' });
      an = await make.participant({ unitCode: commune.code, clanCode: leHuu.code, fullName: 'Lê Hữu An' });
      binh = await make.participant({ unitCode: school.code, clanCode: nguyen.code, fullName: 'Nguyễn Thị Bình' });
      await make.participant({ unitCode: school.code, fullName: 'Trần Văn Chưa Chơi' });
      /** The right and wrong choices' texts: each attempt answers with the handles it was served. */
      const questions: Array<{ id: number; right: string; wrong: string }> = [];
      for (const text of ['Câu 1?', 'Câu 2?']) {
        const q = await as(admin)
          .post('/api/questions')
          .send({
            type: 'single',
            text,
            choices: [
              { text: 'Đúng', correct: true },
              { text: 'Sai', correct: false },
            ],
          })
          .expect(201);
        questions.push({ id: q.body.id, right: 'Đúng', wrong: 'Sai' });
      }
      race = (await as(admin).post('/api/races').send({ name: 'Đua bảng xếp hạng' }).expect(201)).body.id as number;
      // Scores move as answers arrive only where the round shows answers at once (held-scores.e2e-spec.ts has the other case).
      round = (
        await as(admin)
          .post(`/api/races/${race}/rounds`)
          .send({ name: 'Vòng 1', mode: 'window', questionIds: questions.map((q) => q.id), revealAnswers: 'immediately' })
          .expect(201)
      ).body.id as number;
      await as(admin).post(`/api/rounds/${round}/open`).expect(200);

      // Screens watch the individuals' board from before the first answer, one on each instance.
      const screenToken = await make.screenToken();
      screen = await connect(screenToken, 1);
      screen.on('board:update', (update: Update) => updates.push(update));
      subscribed = await screen.emitWithAck('board:subscribe', { board: 'individuals', race });
      const near = await connect(screenToken, 0);
      near.on('board:update', (update: Update) => nearUpdates.push(update));
      await near.emitWithAck('board:subscribe', { board: 'individuals', race });

      const play = async (person: { staffCode: string }, choices: Array<'right' | 'wrong'>, through = t) => {
        const token = await make.participantToken(person.staffCode);
        const as = (token: string) => ({ post: (path: string) => through.http().post(path).auth(token, { type: 'bearer' }) });
        const started = (await as(token).post(`/api/rounds/${round}/attempts`).expect(201)).body;
        let question = started.question;
        for (const choice of choices) {
          const q = questions.find((x) => x.id === question.id)!;
          const handle = question.choices.find((c: { text: string }) => c.text === q[choice]).id;
          question = (
            await as(token)
              .post(`/api/attempts/${started.attemptId}/answers`)
              .send({ questionId: q.id, choiceIds: [handle] })
              .expect(200)
          ).body.next;
        }
        return token;
      };
      // Bình plays on the other instance, and the screens show her before An plays, so that her
      // arrival is an update of its own (the ticker would otherwise send it with An's).
      await play(binh, ['right', 'wrong'], other);
      await eventually(async () => updates.find((u) => u.entries.length === 1), 3000);
      anToken = await play(an, ['right', 'right']);
      // A tick may fall between An's two answers; the screens are done once they show the final scores.
      const final = ((await individuals()).entries as Entry[]).map((e) => [e.id, e.score]);
      const showsFinal = (seen: Update[]) => JSON.stringify(seen.at(-1)?.entries.map((e) => [e.id, e.score])) === JSON.stringify(final);
      await eventually(async () => showsFinal(updates) && showsFinal(nearUpdates), 3000);
    });

    const individuals = async () => (await as(anToken).get(`/api/leaderboards/individuals?race=${race}`).expect(200)).body;
    /** Each person's score for the race, as the individuals' board says. */
    const scores = async () => {
      const entries = (await individuals()).entries as Entry[];
      return { an: entries.find((e) => e.id === an.id)!.score, binh: entries.find((e) => e.id === binh.id)!.score };
    };

    it('gives a screen that subscribes before any answer an empty board at seq 0', () => {
      expect(subscribed).toMatchObject({ ok: true, seq: 0, snapshot: { board: 'individuals', raceId: race, total: 0, entries: [] } });
    });

    it('pushes each change to the screens with who moved where', () => {
      expect(updates[0]).toMatchObject({ seq: 1, moves: [{ id: binh.id, from: null, to: 1 }] });
      expect(updates[0].entries.map((e) => e.id)).toEqual([binh.id]);
      expect(updates.at(-1)!.entries.map((e) => [e.id, e.rank])).toEqual([
        [an.id, 1],
        [binh.id, 2],
      ]);
      // Each update names everyone whose rank changed since the one before, from where to where.
      for (let i = 1; i < updates.length; i++) {
        const rankIn = (update: Update) => new Map(update.entries.map((e) => [e.id, e.rank]));
        const [before, after] = [rankIn(updates[i - 1]), rankIn(updates[i])];
        const changed = [...new Set([...before.keys(), ...after.keys()])]
          .filter((id) => before.get(id) !== after.get(id))
          .map((id) => ({ id, from: before.get(id) ?? null, to: after.get(id) ?? null }));
        expect(updates[i].moves).toEqual(expect.arrayContaining(changed));
        expect(updates[i].moves).toHaveLength(changed.length);
      }
      // So An came onto the board and Bình went from first to second.
      expect(updates.length).toBeGreaterThan(1);
      expect(updates.slice(1).flatMap((u) => u.moves)).toContainEqual({ id: an.id, from: null, to: expect.any(Number) });
    });

    it('numbers the updates once for every screen, on whichever instance it is', () => {
      // One instance ticks the board: every screen gets each seq once.
      expect(updates.map((u) => u.seq)).toEqual(updates.map((_u, i) => i + 1));
      expect(nearUpdates.map((u) => u.seq)).toEqual(updates.map((u) => u.seq).slice(0, nearUpdates.length));
      expect(nearUpdates.at(-1)!.entries).toEqual(updates.at(-1)!.entries);
    });

    it('ranks the people over HTTP with their unit and clan, at the scores the screens were shown', async () => {
      const people = await individuals();
      expect(people).toMatchObject({ board: 'individuals', raceId: race, roundId: null, total: 2 });
      expect(people.entries[0]).toMatchObject({ rank: 1, id: an.id, name: 'Lê Hữu An', unitName: 'Xã Hạ Mỗ', clanName: 'Họ Lê Hữu' });
      expect(people.entries[1]).toMatchObject({ rank: 2, id: binh.id, unitName: 'Trường TH Hạ Mỗ', clanName: 'Họ Nguyễn' });
      expect(updates.at(-1)!.entries.map((e) => e.score)).toEqual(people.entries.map((e: Entry) => e.score));
    });

    it('ranks the people of one round, around oneself, and within one unit', async () => {
      expect((await as(admin).get(`/api/leaderboards/individuals?round=${round}`).expect(200)).body.entries.map((e: Entry) => e.id)).toEqual([an.id, binh.id]);
      const mine = (await as(anToken).get(`/api/leaderboards/individuals/me?race=${race}`).expect(200)).body;
      expect(mine.me).toMatchObject({ id: an.id, rank: 1 });
      expect(mine.entries.map((e: Entry) => e.id)).toEqual([an.id, binh.id]);
      const inSchool = (await as(admin).get(`/api/leaderboards/individuals?race=${race}&unitId=${school.id}`).expect(200)).body;
      expect(inSchool).toMatchObject({ total: 1, entries: [{ id: binh.id, rank: 1 }] });
    });

    it('ranks units by turnout first, or by total score when asked', async () => {
      const score = await scores();
      // The school has 1 of 5 (20%), the commune 1 of 10 (10%).
      const units = (await as(admin).get(`/api/leaderboards/units?race=${race}&unitId=${district.id}`).expect(200)).body;
      expect(units.entries).toEqual([
        expect.objectContaining({
          rank: 1,
          id: school.id,
          category: 'school',
          participants: 1,
          headcount: 5,
          participationRate: 0.2,
          averageScore: score.binh,
          perHeadScore: score.binh / 5,
          score: score.binh,
        }),
        expect.objectContaining({
          rank: 2,
          id: commune.id,
          category: 'commune',
          participants: 1,
          headcount: 10,
          participationRate: 0.1,
          averageScore: score.an,
          perHeadScore: score.an / 10,
        }),
      ]);
      const byTotal = (await as(admin).get(`/api/leaderboards/units?race=${race}&unitId=${district.id}&sort=total`).expect(200)).body;
      expect(byTotal.entries.map((e: Entry) => e.id)).toEqual([commune.id, school.id]);
    });

    it('ranks the schools alone, and the categories of unit by name', async () => {
      const schools = (await as(admin).get(`/api/leaderboards/schools?race=${race}&unitId=${district.id}`).expect(200)).body;
      expect(schools.entries.map((e: Entry) => e.id)).toEqual([school.id]);
      const categories = (await as(admin).get(`/api/leaderboards/categories?race=${race}&unitId=${district.id}`).expect(200)).body;
      expect(categories.entries[0]).not.toHaveProperty('category');
      expect(categories.entries).toEqual([
        expect.objectContaining({ id: 'school', name: 'Trường học', participants: 1, headcount: 5 }),
        expect.objectContaining({ id: 'commune', name: 'Xã, thị trấn', participants: 1, headcount: 10 }),
      ]);
    });

    it('totals each clan’s players and scores', async () => {
      const score = await scores();
      const clans = (await as(admin).get(`/api/leaderboards/clans?race=${race}`).expect(200)).body;
      const ours = clans.entries.filter((e: Entry) => e.id === leHuu.id || e.id === nguyen.id);
      expect(ours).toEqual([
        expect.objectContaining({ id: leHuu.id, participants: 1, totalScore: score.an }),
        expect.objectContaining({ id: nguyen.id, participants: 1, totalScore: score.binh }),
      ]);
    });

    it('gives a screen that missed an update, and subscribes again, the board as it is now', async () => {
      const again = await screen.emitWithAck('board:subscribe', { board: 'individuals', race });
      expect(again.seq).toBe(updates.at(-1)!.seq);
      expect(again.snapshot.entries).toEqual((await individuals()).entries);
    });

    it('rebuilds from the answer log the standings kept answer by answer, even several rebuilds at once', async () => {
      const people = await individuals();
      const dump = async () => ({
        race: await sql(
          t,
          'SELECT participant_id, unit_id, clan_id, score, answered, correct_count, rounds_played FROM race_standing WHERE race_id = ? ORDER BY participant_id',
          [race],
        ),
        groups: await sql(
          t,
          'SELECT scope, scope_id, group_kind, group_id, participants, score FROM group_standing WHERE scope_id IN (?, ?) ORDER BY scope, scope_id, group_kind, group_id',
          [race, round],
        ),
        attempts: await sql(t, 'SELECT id, score, answered, correct_count FROM attempt WHERE round_id = ? ORDER BY id', [round]),
      });
      const kept = await dump();
      expect(kept.race).toHaveLength(2);
      await as(admin).post(`/api/races/${race}/standings/rebuild`).expect(200);
      expect(await dump()).toEqual(kept);
      // Several at once (PostgreSQL ran them side by side and they collided: 500s, found by the fuzz run).
      const together = await Promise.all(Array.from({ length: 6 }, () => as(admin).post(`/api/races/${race}/standings/rebuild`)));
      expect(together.map((res) => res.status)).toEqual(Array(6).fill(200));
      expect(await dump()).toEqual(kept);
      expect((await individuals()).entries).toEqual(people.entries);
    });

    it('refuses to rebuild a race that does not exist', async () => {
      await as(admin).post('/api/races/999999/standings/rebuild').expect(404);
    });
  });

  it('counts a person who moved for the unit and clan each attempt began in, and a rebuild agrees', async () => {
    const make = new OrgFactory(t);
    const from = await make.unit({ name: 'Xã Cũ', category: 'commune', headcount: 10 });
    const to = await make.unit({ name: 'Xã Mới', category: 'commune', headcount: 10 });
    const clan = await make.clan({ name: 'Họ Chuyển' });
    const mover = await make.participant({ unitCode: from.code, fullName: 'Người Chuyển Công Tác' });
    const stayer = await make.participant({ unitCode: from.code, clanCode: clan.code, fullName: 'Người Ở Lại' });
    const made = (
      await as(admin)
        .post('/api/questions')
        .send({
          type: 'truefalse',
          text: 'Câu chuyển đơn vị?',
          choices: [
            { text: 'Đúng', correct: true },
            { text: 'Sai', correct: false },
          ],
        })
        .expect(201)
    ).body;
    const race = (await as(admin).post('/api/races').send({ name: 'Đua chuyển đơn vị' }).expect(201)).body.id as number;
    const round = async (name: string) => {
      const id = (
        await as(admin)
          .post(`/api/races/${race}/rounds`)
          .send({ name, mode: 'window', questionIds: [made.id], revealAnswers: 'immediately' })
          .expect(201)
      ).body.id as number;
      await as(admin).post(`/api/rounds/${id}/open`).expect(200);
      return id;
    };
    const play = async (roundId: number, staffCode: string) => {
      const token = await make.participantToken(staffCode);
      const attempt = (await as(token).post(`/api/rounds/${roundId}/attempts`).expect(201)).body;
      const right = attempt.question.choices.find((c: { text: string }) => c.text === 'Đúng').id;
      return (
        await as(token)
          .post(`/api/attempts/${attempt.attemptId}/answers`)
          .send({ questionId: made.id, choiceIds: [right] })
          .expect(200)
      ).body.score as number;
    };
    const first = await round('Vòng trước khi chuyển');
    const before = await play(first, mover.staffCode);
    const stayed = await play(first, stayer.staffCode);
    // Moved to another commune, into a clan, between the rounds.
    await as(admin).patch(`/api/participants/${mover.id}`).send({ unitCode: to.code, clanCode: clan.code }).expect(200);
    const second = await round('Vòng sau khi chuyển');
    const after = await play(second, mover.staffCode);

    const figures = async () => {
      const units = async (scope: string) =>
        Object.fromEntries(
          ((await as(admin).get(`/api/leaderboards/units?${scope}&limit=500`).expect(200)).body.entries as Entry[])
            .filter((entry) => entry.id === from.id || entry.id === to.id)
            .map((entry) => [entry.name, [entry.participants, entry.score]]),
        );
      const clans = async (scope: string) =>
        ((await as(admin).get(`/api/leaderboards/clans?${scope}&limit=500`).expect(200)).body.entries as Entry[]).find((entry) => entry.id === clan.id);
      return {
        race: await units(`race=${race}`),
        first: await units(`round=${first}`),
        second: await units(`round=${second}`),
        raceClan: await clans(`race=${race}`),
        person: ((await as(admin).get(`/api/leaderboards/individuals?race=${race}`).expect(200)).body.entries as Entry[]).find((entry) => entry.id === mover.id)
          ?.score,
      };
    };
    const live = await figures();
    expect(live.first).toEqual({ 'Xã Cũ': [2, before + stayed], 'Xã Mới': [0, 0] });
    expect(live.second).toEqual({ 'Xã Cũ': [0, 0], 'Xã Mới': [1, after] });
    expect(live.race).toEqual({ 'Xã Cũ': [2, before + stayed], 'Xã Mới': [1, after] });
    expect(live.raceClan).toMatchObject({ participants: 2, score: stayed + after });
    expect(live.person).toBe(before + after);
    // Recomputed from the answer log, the boards say the same.
    await as(admin).post(`/api/races/${race}/standings/rebuild`).expect(200);
    expect(await figures()).toEqual(live);
  });
});
