import { DataSource } from 'typeorm';
import { OrgFactory } from './support/org-factory';
import { Made, QuestionScopeApp, ask } from './support/question-scope';
import { TestApp } from './support/test-app';

/**
 * Questions belong to the district or to a unit: a school's organiser reads the wording of the
 * questions they may use, but the keys, edits, retiring and exports only of their own, and draws
 * only from those. How a dealt question changes is in question-scope-versions.
 */
describe('question ownership and versions', () => {
  const scope = new QuestionScopeApp();
  const { as, audits } = scope;
  let t: TestApp;
  let admin: string;
  let make: OrgFactory;

  beforeAll(async () => {
    ({ t, admin, make } = await scope.start());
  });
  afterAll(() => scope.close());

  /** A commune with two schools, an organiser for each school and one for the commune. */
  async function commune() {
    const top = await make.unit({ category: 'commune', headcount: 100 });
    const school = await make.unit({ category: 'school', parentCode: top.code, headcount: 30 });
    const otherSchool = await make.unit({ category: 'school', parentCode: top.code, headcount: 40 });
    return {
      top,
      school,
      otherSchool,
      organiser: (await make.organiser(school.id)).token,
      outsider: (await make.organiser(otherSchool.id)).token,
      communeOrganiser: (await make.organiser(top.id)).token,
    };
  }

  it('shows a school organiser the wording of district questions but not their key, and refuses changing or exporting them', async () => {
    const c = await commune();
    const district = (
      await as(admin)
        .post('/api/questions')
        .send(
          ask('Câu của huyện: mã OTP nên chia sẻ với ai?', [
            ['Không ai cả', true],
            ['Cán bộ ngân hàng', false],
          ]),
        )
        .expect(201)
    ).body as Made;
    expect(district).toMatchObject({ unitId: null, editable: true });

    const seen = (await as(c.organiser).get(`/api/questions/${district.id}`).expect(200)).body as Made;
    expect(seen).toMatchObject({ id: district.id, text: district.text, editable: false, unitId: null });
    expect(seen).not.toHaveProperty('explanation');
    expect(seen.choices.map((choice) => Object.keys(choice).sort())).toEqual([
      ['id', 'text'],
      ['id', 'text'],
    ]);
    const listed = (await as(c.organiser).get('/api/questions?limit=500').expect(200)).body.items as Made[];
    const inList = listed.find((q) => q.id === district.id)!;
    expect(inList.choices.map((choice) => Object.keys(choice).sort())).toEqual([
      ['id', 'text'],
      ['id', 'text'],
    ]);
    expect(JSON.stringify(listed.filter((q) => !q.editable))).not.toMatch(/"correct"|"explanation"/);

    const patched = await as(c.organiser).patch(`/api/questions/${district.id}`).send({ text: 'Đổi câu của huyện?' }).expect(403);
    expect(patched.body.code).toBe('OUT_OF_SCOPE');
    expect((await as(c.organiser).delete(`/api/questions/${district.id}`).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    expect((await as(c.organiser).post(`/api/questions/${district.id}/versions`).send({ text: 'Phiên bản của trường?' }).expect(403)).body.code).toBe(
      'OUT_OF_SCOPE',
    );
    // Not even bringing back or retiring through a PATCH.
    expect((await as(c.organiser).patch(`/api/questions/${district.id}`).send({ retired: true }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    const after = (await as(admin).get(`/api/questions/${district.id}`).expect(200)).body as Made;
    expect(after).toEqual({ ...district, replacedBy: null });

    // Usable in the school's own race all the same.
    const schoolRace = (await as(c.organiser).post('/api/races').send({ name: 'Đua dùng câu của huyện' }).expect(201)).body.id as number;
    await as(c.organiser)
      .post(`/api/races/${schoolRace}/rounds`)
      .send({ name: 'Vòng', mode: 'window', questionIds: [district.id] })
      .expect(201);

    const mine = (
      await as(c.organiser)
        .post('/api/questions')
        .send(
          ask('Câu của trường: mật khẩu nào mạnh nhất?', [
            ['Tr0ng!Dai#2025', true],
            ['123456', false],
          ]),
        )
        .expect(201)
    ).body as Made;
    const csv = (await as(c.organiser).get('/api/questions/export?format=csv').expect(200)).text;
    expect(csv).toContain(mine.text);
    expect(csv).not.toContain(district.text);
    const exported = (await audits({ action: 'export.questions' })).at(-1)!;
    expect(exported).toMatchObject({ targetKind: 'question_export', actorKind: 'organiser', unitPath: expect.stringMatching(new RegExp(`/${c.school.id}/$`)) });
    expect(JSON.parse(exported.after!)).toMatchObject({ format: 'csv', questions: 1, answerKeys: true });
  });

  it('lets a school organiser create, edit and retire their own questions, and keeps them from other schools', async () => {
    const c = await commune();
    const topic = OrgFactory.unique('Chủ đề của trường ');
    const mine = (
      await as(c.organiser)
        .post('/api/questions')
        .send(
          ask(
            'Câu riêng của trường?',
            [
              ['Đúng là vậy', true],
              ['Không phải', false],
              ['Chưa rõ', false],
            ],
            { topic },
          ),
        )
        .expect(201)
    ).body as Made;
    expect(mine).toMatchObject({ unitId: c.school.id, editable: true, explanation: 'Giải thích đáp án đúng của câu hỏi này.' });
    expect(mine.choices.filter((choice) => choice.correct)).toHaveLength(1);

    const edited = (await as(c.organiser).patch(`/api/questions/${mine.id}`).send({ difficulty: 3, text: 'Câu riêng của trường, đã sửa?' }).expect(200))
      .body as Made;
    expect(edited).toMatchObject({ difficulty: 3, text: 'Câu riêng của trường, đã sửa?' });
    // The commune's organiser is above the school: theirs too. Another school's is not: not even its wording.
    expect((await as(c.communeOrganiser).get(`/api/questions/${mine.id}`).expect(200)).body.editable).toBe(true);
    expect((await as(c.outsider).get(`/api/questions/${mine.id}`).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    expect((await as(c.outsider).patch(`/api/questions/${mine.id}`).send({ difficulty: 1 }).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    // Nor can they put it in a round of theirs (its wording and key would show on their live screen).
    const outsiderRace = (await as(c.outsider).post('/api/races').send({ name: 'Đua trường khác' }).expect(201)).body.id as number;
    const refusedRound = await as(c.outsider)
      .post(`/api/races/${outsiderRace}/rounds`)
      .send({ name: 'Vòng', mode: 'live', questionIds: [mine.id] })
      .expect(400);
    expect(refusedRound.body.message).toContain(`No such active question: ${mine.id}`);
    const ownRace = (await as(c.organiser).post('/api/races').send({ name: 'Đua của trường' }).expect(201)).body.id as number;
    await as(c.organiser)
      .post(`/api/races/${ownRace}/rounds`)
      .send({ name: 'Vòng', mode: 'window', questionIds: [mine.id] })
      .expect(201);
    const theirs = (await as(c.outsider).get('/api/questions?limit=500').expect(200)).body.items as Made[];
    expect(theirs.map((q) => q.id)).not.toContain(mine.id);
    expect((await as(c.outsider).get('/api/questions/topics').expect(200)).body).not.toContainEqual({ topic, count: 1 });
    expect((await as(c.organiser).get('/api/questions/topics').expect(200)).body).toContainEqual({ topic, count: 1 });
    // Own only, and never for a unit outside one's scope.
    const own = (await as(c.organiser).get('/api/questions?own=true&limit=500').expect(200)).body.items as Made[];
    expect(own.map((q) => q.id)).toContain(mine.id);
    expect(own.every((q) => q.unitId === c.school.id)).toBe(true);
    expect(
      (
        await as(c.organiser)
          .post('/api/questions')
          .send({
            ...ask('Câu cho trường khác?', [
              ['A1', true],
              ['B1', false],
            ]),
            unitId: c.otherSchool.id,
          })
          .expect(403)
      ).body.code,
    ).toBe('OUT_OF_SCOPE');
    expect(
      (
        await as(c.communeOrganiser)
          .post('/api/questions')
          .send({
            ...ask('Câu xã giao cho trường?', [
              ['A2', true],
              ['B2', false],
            ]),
            unitId: c.school.id,
          })
          .expect(201)
      ).body.unitId,
    ).toBe(c.school.id);

    await as(c.organiser).delete(`/api/questions/${mine.id}`).expect(200);
    expect((await as(c.organiser).get(`/api/questions/${mine.id}`).expect(200)).body.retired).toBe(true);

    const events = await audits({ targetKind: 'question', targetId: mine.id });
    expect(events.map((e) => e.action)).toEqual(['question.create', 'question.update', 'question.retire']);
    expect(events.every((e) => e.unitPath !== null && e.unitPath.endsWith(`/${c.school.id}/`))).toBe(true);
    expect(events.every((e) => e.actorKind === 'organiser')).toBe(true);
    expect(JSON.parse(events[1].before!)).toEqual({ text: 'Câu riêng của trường?', difficulty: 1 });
    expect(JSON.parse(events[1].after!)).toEqual({ text: 'Câu riêng của trường, đã sửa?', difficulty: 3 });
  });

  it('draws for a school race only from questions its organisers may use: the district, the units above, its own, never a sibling school', async () => {
    const c = await commune();
    const topic = OrgFactory.unique('Chủ đề rút theo phạm vi ');
    const write = async (token: string, text: string) =>
      (
        (
          await as(token)
            .post('/api/questions')
            .send(
              ask(
                text,
                [
                  ['Đúng là nó', true],
                  ['Không phải', false],
                ],
                { topic },
              ),
            )
            .expect(201)
        ).body as Made
      ).id;
    const usable = new Set([
      await write(admin, `Câu huyện (${topic})?`),
      await write(c.communeOrganiser, `Câu xã (${topic})?`),
      await write(c.organiser, `Câu trường mình (${topic})?`),
    ]);
    const sibling = await write(c.outsider, `Câu trường bên (${topic})?`);

    const race = (await as(c.organiser).post('/api/races').send({ name: 'Đua rút câu' }).expect(201)).body.id as number;
    // Four questions on the topic, of which three usable: a draw of four is refused before it can fail a participant.
    await as(c.organiser)
      .post(`/api/races/${race}/rounds`)
      .send({ name: 'Rút bốn', mode: 'window', draw: { count: 4, topic } })
      .expect(400);
    const window = (
      await as(c.organiser)
        .post(`/api/races/${race}/rounds`)
        .send({ name: 'Rút ba', mode: 'window', draw: { count: 3, topic }, secondsPerQuestion: 60 })
        .expect(201)
    ).body.id as number;
    await as(c.organiser).post(`/api/rounds/${window}/open`).expect(200);
    for (let i = 0; i < 4; i++) {
      const player = await make.participantToken((await make.participant({ unitCode: c.school.code })).staffCode);
      const started = (await as(player).post(`/api/rounds/${window}/attempts`).expect(201)).body;
      const asked: number[] = [];
      for (let question = started.question; question;) {
        asked.push(question.id);
        const reply = await as(player)
          .post(`/api/attempts/${started.attemptId}/answers`)
          .send({ questionId: question.id, choiceIds: [question.choices[0].id] })
          .expect(200);
        question = reply.body.next;
      }
      expect(new Set(asked)).toEqual(usable);
    }

    const live = (
      await as(c.organiser)
        .post(`/api/races/${race}/rounds`)
        .send({ name: 'Rút trực tiếp', mode: 'live', draw: { count: 3, topic } })
        .expect(201)
    ).body.id as number;
    await as(c.organiser).post(`/api/rounds/${live}/open`).expect(200);
    const first = (await as(c.organiser).post(`/api/rounds/${live}/live/next`).expect(200)).body;
    expect(first.question.id).not.toBe(sibling);
    const drawn = await t.app.get(DataSource).query(`SELECT question_id FROM round_question WHERE round_id = ${live}`);
    expect(new Set(drawn.map((row: { question_id: number }) => Number(row.question_id)))).toEqual(usable);
  });
});
