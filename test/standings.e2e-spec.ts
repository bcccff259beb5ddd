import { AddressInfo } from 'node:net';
import { Socket, io } from 'socket.io-client';
import { OrgFactory } from './support/org-factory';
import { sql } from './support/sql';
import { TestApp, eventually, startTestApp } from './support/test-app';

/**
 * The standings are kept answer by answer (and by settling a held round, and by folding a merged
 * unit); the rebuild counts them again from the answer log. The two must agree row for row.
 */
/** A group_standing row's key: scope, scope id, group kind, group id. */
const groupKey = (row: Record<string, unknown>) => [row.scope, row.scope_id, row.group_kind, row.group_id].map(String).join(':');

describe('standings', () => {
  let t: TestApp;
  let url: string;
  let admin: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}/live`;
    admin = await new OrgFactory(t).admin();
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await t.close();
  });

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => t.http().post(path).auth(token, { type: 'bearer' }),
    patch: (path: string) => t.http().patch(path).auth(token, { type: 'bearer' }),
  });
  type Served = { id: number; choices: Array<{ id: number; text: string }> };
  const handleOf = (question: Served, right: boolean) => question.choices.find((c) => (c.text === 'Đúng') === right)!.id;

  it('rebuilds from the answer log exactly the standings the answers, settling and a merge left', async () => {
    const make = new OrgFactory(t);
    const questionIds: number[] = [];
    for (const text of ['Bảng một?', 'Bảng hai?', 'Bảng ba?']) {
      questionIds.push(
        (
          await as(admin)
            .post('/api/questions')
            .send({
              type: 'single',
              text,
              choices: [
                { text: 'Đúng', correct: true },
                { text: 'Sai', correct: false },
              ],
            })
            .expect(201)
        ).body.id,
      );
    }
    const unitA = await make.unit({ name: 'Đơn vị A' });
    const unitB = await make.unit({ name: 'Đơn vị B' });
    const unitC = await make.unit({ name: 'Đơn vị C' });
    const clanX = await make.clan({ name: 'Họ X' });
    const clanY = await make.clan({ name: 'Họ Y' });
    const people = [
      await make.participant({ unitCode: unitA.code, clanCode: clanX.code }),
      await make.participant({ unitCode: unitA.code, clanCode: clanX.code }),
      await make.participant({ unitCode: unitB.code, clanCode: clanX.code }),
      await make.participant({ unitCode: unitB.code, clanCode: clanY.code }),
      await make.participant({ unitCode: unitA.code }),
      await make.participant({ unitCode: unitC.code, clanCode: clanY.code }),
    ];
    const tokens = await Promise.all(people.map((person) => make.participantToken(person.staffCode)));
    const race = (await as(admin).post('/api/races').send({ name: 'Đua bảng tổng' }).expect(201)).body.id as number;
    const round = async (name: string, mode: 'window' | 'live', revealAnswers: 'immediately' | 'after_close') => {
      const id = (await as(admin).post(`/api/races/${race}/rounds`).send({ name, mode, questionIds, revealAnswers, secondsPerQuestion: 30 }).expect(201)).body
        .id as number;
      await as(admin).post(`/api/rounds/${id}/open`).expect(200);
      return id;
    };
    /** One participant's window attempt: right or wrong per question, stopping where the list ends. */
    const playWindow = async (roundId: number, who: number, answers: boolean[]) => {
      const started = (await as(tokens[who]).post(`/api/rounds/${roundId}/attempts`).expect(201)).body;
      let question = started.question as Served;
      for (const right of answers) {
        question = (
          await as(tokens[who])
            .post(`/api/attempts/${started.attemptId}/answers`)
            .send({ questionId: question.id, choiceIds: [handleOf(question, right)] })
            .expect(200)
        ).body.next;
      }
    };

    // Round 1 shows answers at once: everyone plays, one person leaves their attempt half done.
    const open = await round('Vòng mở', 'window', 'immediately');
    await playWindow(open, 0, [true, true, true]);
    await playWindow(open, 1, [true, false, true]);
    await playWindow(open, 2, [false, true, true]);
    await playWindow(open, 3, [true, true, false]);
    await playWindow(open, 4, [true]);
    await playWindow(open, 5, [true, false, false]);

    // Someone moves unit between rounds: the race keeps their first unit, each round the one they played in.
    await as(admin).patch(`/api/participants/${people[3].id}`).send({ unitCode: unitA.code }).expect(200);

    // Round 2 holds its points until it closes; closing settles them.
    const held = await round('Vòng giữ điểm', 'window', 'after_close');
    await playWindow(held, 0, [true, false, true]);
    await playWindow(held, 2, [true, true, true]);
    await playWindow(held, 3, [false, true, true]);
    await as(admin).post(`/api/rounds/${held}/close`).expect(200);
    await eventually(async () => (await sql(t, 'SELECT scores_settled_at FROM round WHERE id = ?', [held]))[0].scores_settled_at !== null, 15_000);

    // Round 3 holds its points and is still open: its players count, its points not yet.
    const stillHeld = await round('Vòng còn giữ', 'window', 'after_close');
    await playWindow(stillHeld, 1, [true, true]);
    await playWindow(stillHeld, 4, [true, true, true]);

    // Round 4 is live: two phones answer the question on screen.
    const live = await round('Vòng trực tiếp', 'live', 'immediately');
    const phones: Socket[] = [];
    for (const who of [0, 2, 5]) {
      const socket = io(url, { transports: ['websocket'], auth: { token: tokens[who] }, reconnection: false });
      sockets.push(socket);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      expect(await socket.timeout(5000).emitWithAck('live:join', { roundId: live })).toMatchObject({ ok: true });
      phones.push(socket);
    }
    const served = phones.map((socket) => new Promise<{ question: Served }>((resolve) => socket.once('live:question', resolve)));
    await as(admin).post(`/api/rounds/${live}/live/next`).expect(200);
    const questions = await Promise.all(served);
    for (const [i, right] of [true, false, true].entries()) {
      const { question } = questions[i];
      expect(
        await phones[i].timeout(5000).emitWithAck('live:answer', { roundId: live, questionId: question.id, choiceIds: [handleOf(question, right)] }),
      ).toMatchObject({ ok: true, correct: right });
    }

    // Unit C joins B: its attempts and standings fold into B's.
    await as(admin).post(`/api/units/${unitC.id}/merge`).send({ intoCode: unitB.code }).expect(200);

    const rounds = [open, held, stillHeld, live];
    const dump = async () => ({
      race: await sql(
        t,
        'SELECT participant_id, unit_id, clan_id, score, answered, correct_count, rounds_played FROM race_standing WHERE race_id = ? ORDER BY participant_id',
        [race],
      ),
      groups: await sql(
        t,
        "SELECT scope, scope_id, group_kind, group_id, participants, score FROM group_standing WHERE (scope = 'race' AND scope_id = ?) OR (scope = 'round' AND scope_id IN (?, ?, ?, ?)) " +
          'ORDER BY scope, scope_id, group_kind, group_id',
        [race, ...rounds],
      ),
      attempts: await sql(t, 'SELECT id, unit_id, score, answered, correct_count FROM attempt WHERE round_id IN (?, ?, ?, ?) ORDER BY id', rounds),
    });
    const kept = await dump();
    // The play above reached every kind of row: six people, both units left, both clans, four rounds.
    expect(kept.race).toHaveLength(6);
    expect(kept.race.find((row) => Number(row.participant_id) === people[3].id)).toMatchObject({ unit_id: unitB.id });
    expect(kept.race.find((row) => Number(row.participant_id) === people[5].id)).toMatchObject({ unit_id: unitB.id });
    const groupKeys = new Set(kept.groups.map((row) => groupKey(row)));
    for (const scope of [`race:${race}`, ...rounds.map((id) => `round:${id}`)])
      expect([...groupKeys].some((key) => key.startsWith(`${scope}:unit:`))).toBe(true);
    expect(groupKeys.has(`race:${race}:unit:${unitC.id}`)).toBe(false);
    expect(groupKeys.has(`race:${race}:clan:${clanY.id}`)).toBe(true);
    const stillHeldA = kept.groups.find((row) => groupKey(row) === `round:${stillHeld}:unit:${unitA.id}`);
    expect(stillHeldA).toMatchObject({ score: 0 });
    expect(Number(stillHeldA!.participants)).toBe(2);

    await as(admin).post(`/api/races/${race}/standings/rebuild`).expect(200);
    expect(await dump()).toEqual(kept);

    // The comparison sees a wrong row, and the rebuild puts it right from the answer log.
    await sql(t, 'UPDATE race_standing SET score = score + 7 WHERE race_id = ? AND participant_id = ?', [race, people[0].id]);
    await sql(t, "UPDATE group_standing SET participants = participants + 1 WHERE scope = 'round' AND scope_id = ? AND group_kind = 'clan' AND group_id = ?", [
      held,
      clanX.id,
    ]);
    expect(await dump()).not.toEqual(kept);
    await as(admin).post(`/api/races/${race}/standings/rebuild`).expect(200);
    expect(await dump()).toEqual(kept);
  }, 120_000);
});
