import { DataSource, FindOptionsWhere } from 'typeorm';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { OrgFactory } from './support/org-factory';
import { TestApp, startTestApp } from './support/test-app';

interface Choice {
  id: number;
  text: string;
  correct?: boolean;
}
interface Made {
  id: number;
  text: string;
  unitId: number | null;
  editable: boolean;
  explanation?: string | null;
  retired: boolean;
  replaces: number | null;
  replacedBy: number | null;
  choices: Choice[];
}

/**
 * Questions belong to the district or to a unit: a school's organiser reads the wording of the
 * questions they may use, but the keys, edits, retiring and exports only of their own; a question
 * already dealt keeps its key (only typo fixes), and changes by a new version.
 */
describe('question ownership and versions', () => {
  let t: TestApp;
  let admin: string;
  let make: OrgFactory;

  beforeAll(async () => {
    t = await startTestApp();
    make = new OrgFactory(t);
    admin = await make.admin();
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    post: (path: string) => t.http().post(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    patch: (path: string) => t.http().patch(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
    delete: (path: string) => t.http().delete(path).auth(token, { type: 'bearer' }).set('accept-language', 'en'),
  });
  const audits = (where: FindOptionsWhere<AuditEvent>) =>
    t.app
      .get(DataSource)
      .getRepository(AuditEvent)
      .find({ where, order: { id: 'ASC' } });
  const ask = (text: string, choices: [string, boolean][], extra: object = {}) => ({
    type: 'single',
    text,
    choices: choices.map(([choice, correct]) => ({ text: choice, correct })),
    topic: 'Phạm vi câu hỏi',
    explanation: 'Giải thích đáp án đúng của câu hỏi này.',
    ...extra,
  });

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

  /** A question dealt in an open district round, answered right by one participant. */
  async function dealt(text: string) {
    const made = (
      await as(admin)
        .post('/api/questions')
        .send(
          ask(text, [
            ['Đối chiếu với nguồn chính thức', true],
            ['Dùng ngay vì AI đã tổng hợp', false],
            ['Hỏi AI thêm một lần nữa', false],
          ]),
        )
        .expect(201)
    ).body as Made;
    const unit = await make.unit();
    const person = await make.participant({ unitCode: unit.code });
    const race = (
      await as(admin)
        .post('/api/races')
        .send({ name: `Đua ${text}` })
        .expect(201)
    ).body.id as number;
    const round = (
      await as(admin)
        .post(`/api/races/${race}/rounds`)
        .send({ name: 'Vòng', mode: 'window', questionIds: [made.id], revealAnswers: 'immediately' })
        .expect(201)
    ).body.id as number;
    await as(admin).post(`/api/rounds/${round}/open`).expect(200);
    const token = await make.participantToken(person.staffCode);
    const attempt = (await as(token).post(`/api/rounds/${round}/attempts`).expect(201)).body;
    const right = made.choices.find((choice) => choice.correct)!.text;
    // Answered by the choice's text, as the phone shows it (served ids are the attempt's own).
    const served = (attempt.question.choices as Choice[]).find((choice) => choice.text === right)!;
    const answered = await as(token)
      .post(`/api/attempts/${attempt.attemptId}/answers`)
      .send({ questionId: made.id, choiceIds: [served.id] })
      .expect(200);
    expect(answered.body.correct).toBe(true);
    return { made, token, attemptId: attempt.attemptId as number, score: answered.body.score as number };
  }

  it('refuses even the admin swapping the texts of the right and a wrong choice of a dealt question, and writes nothing', async () => {
    const d = await dealt('Trước khi đưa số liệu do AI cung cấp vào báo cáo, nên làm gì?');
    const right = d.made.choices.findIndex((choice) => choice.correct);
    const wrong = d.made.choices.findIndex((choice) => !choice.correct);
    // The flags stay where they were; only the texts trade places, so the old "wording only" check passed it.
    const swapped = d.made.choices.map((choice, i) => ({
      text: i === right ? d.made.choices[wrong].text : i === wrong ? d.made.choices[right].text : choice.text,
      correct: !!choice.correct,
    }));
    const refused = await as(admin).patch(`/api/questions/${d.made.id}`).send({ choices: swapped }).expect(409);
    expect(refused.body.code).toBe('QUESTION_IN_USE');
    expect(refused.body.message).toContain('new version');
    expect((await as(admin).get(`/api/questions/${d.made.id}`).expect(200)).body).toEqual({ ...d.made, replacedBy: null });
    expect((await as(d.token).get(`/api/attempts/${d.attemptId}`).expect(200)).body.score).toBe(d.score);
    // The refused change left no trace in the audit log: it rolled back whole.
    expect((await audits({ targetKind: 'question', targetId: d.made.id })).map((e) => e.action)).toEqual(['question.create']);

    // A rewrite of the question's text and a flipped key are refused the same way.
    await as(admin).patch(`/api/questions/${d.made.id}`).send({ text: 'Một câu hỏi hoàn toàn khác về mật khẩu?' }).expect(409);
    await as(admin).patch(`/api/questions/${d.made.id}`).send({ type: 'multiple' }).expect(409);
    expect(await audits({ targetKind: 'question', targetId: d.made.id })).toHaveLength(1);
  });

  it('lets a typo of a dealt question be fixed, audited with before and after', async () => {
    const d = await dealt('Trươc khi đưa số liệu do AI cung cấp vào báo cáo, cán bộ nên làm gì?');
    const choices = d.made.choices.map((choice) => ({ text: choice.text.replace('nguồn chính thức', 'nguồn chính thưc'), correct: !!choice.correct }));
    const fixed = await as(admin)
      .patch(`/api/questions/${d.made.id}`)
      .send({ text: 'Trước khi đưa số liệu do AI cung cấp vào báo cáo, cán bộ nên làm gì?', choices })
      .expect(200);
    expect(fixed.body.choices.map((choice: Choice) => choice.id)).toEqual(d.made.choices.map((choice) => choice.id));
    expect((await as(d.token).get(`/api/attempts/${d.attemptId}`).expect(200)).body.score).toBe(d.score);
    const [, event] = await audits({ targetKind: 'question', targetId: d.made.id });
    expect(event).toMatchObject({ action: 'question.typo_fix', actorKind: 'organiser', unitPath: null });
    expect(JSON.parse(event.before!)).toEqual({ text: d.made.text, choices: d.made.choices.map(({ text, correct }) => ({ text, correct })) });
    expect(JSON.parse(event.after!)).toEqual({ text: fixed.body.text, choices });
  });

  it('makes a new version that retires the old question, takes its place in rounds not yet open, and is drawn instead', async () => {
    const topic = OrgFactory.unique('Chủ đề phiên bản ');
    const d = await dealt(`Câu có phiên bản mới (${topic})?`);
    await as(admin).patch(`/api/questions/${d.made.id}`).send({ topic }).expect(200);
    const race = (await as(admin).post('/api/races').send({ name: 'Đua phiên bản' }).expect(201)).body.id as number;
    const draft = (
      await as(admin)
        .post(`/api/races/${race}/rounds`)
        .send({ name: 'Vòng nháp', mode: 'window', questionIds: [d.made.id] })
        .expect(201)
    ).body.id as number;

    const right = d.made.choices.find((choice) => choice.correct)!;
    const body = {
      choices: [
        { text: right.text, correct: false },
        { text: 'Hỏi ý kiến người có chuyên môn', correct: true },
        { text: 'Làm tròn số liệu', correct: false },
      ],
    };
    const version = (await as(admin).post(`/api/questions/${d.made.id}/versions`).send(body).expect(201)).body as Made;
    expect(version).toMatchObject({ replaces: d.made.id, replacedBy: null, retired: false, text: d.made.text, topic, unitId: null });
    expect(version.choices.find((choice) => choice.correct)!.text).toBe('Hỏi ý kiến người có chuyên môn');
    const old = (await as(admin).get(`/api/questions/${d.made.id}`).expect(200)).body as Made;
    expect(old).toMatchObject({ retired: true, replacedBy: version.id });
    // One replacement per question, and the replaced one is not brought back beside it.
    expect((await as(admin).post(`/api/questions/${d.made.id}/versions`).send(body).expect(409)).body.code).toBe('QUESTION_REPLACED');
    expect((await as(admin).patch(`/api/questions/${d.made.id}`).send({ retired: false }).expect(409)).body.code).toBe('QUESTION_REPLACED');
    // The participant who answered the old one keeps their score.
    expect((await as(d.token).get(`/api/attempts/${d.attemptId}`).expect(200)).body.score).toBe(d.score);

    // The draft round now asks the new version; a draw on the topic finds only it.
    await as(admin).post(`/api/rounds/${draft}/open`).expect(200);
    const unit = await make.unit();
    const player = await make.participantToken((await make.participant({ unitCode: unit.code })).staffCode);
    expect((await as(player).post(`/api/rounds/${draft}/attempts`).expect(201)).body.question.id).toBe(version.id);
    const drawn = (
      await as(admin)
        .post(`/api/races/${race}/rounds`)
        .send({ name: 'Vòng rút', mode: 'window', draw: { count: 1, topic } })
        .expect(201)
    ).body.id as number;
    await as(admin).post(`/api/rounds/${drawn}/open`).expect(200);
    expect((await as(player).post(`/api/rounds/${drawn}/attempts`).expect(201)).body.question.id).toBe(version.id);
    await as(admin)
      .post(`/api/races/${race}/rounds`)
      .send({ name: 'Vòng rút hai', mode: 'window', draw: { count: 2, topic } })
      .expect(400);

    const [event] = await audits({ action: 'question.version', targetId: version.id });
    expect(JSON.parse(event.after!)).toMatchObject({ retiredId: d.made.id, rounds: [draft] });
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

  it('stores new and imported choices in a random order, not the author’s', async () => {
    const positions: number[] = [];
    for (let i = 0; i < 20; i++) {
      const made = (
        await as(admin)
          .post('/api/questions')
          .send(
            ask(`Câu thứ tự ngẫu nhiên ${i}?`, [
              ['Đáp án đúng', true],
              ['Sai một', false],
              ['Sai hai', false],
              ['Sai ba', false],
            ]),
          )
          .expect(201)
      ).body as Made;
      positions.push(made.choices.findIndex((choice) => choice.correct));
    }
    // All 20 first would happen by chance once in 4^20.
    expect(new Set(positions).size).toBeGreaterThan(1);

    const topic = OrgFactory.unique('Nhập ngẫu nhiên ');
    const rows = Array.from({ length: 20 }, (_v, i) => `single,Câu nhập ngẫu nhiên ${i}?,Đáp án đúng,Sai một,Sai hai,Sai ba,A,${topic}`);
    const csv = ['type,text,A,B,C,D,correct,topic', ...rows].join('\n');
    expect((await as(admin).post('/api/questions/import').attach('file', Buffer.from(csv), 'ngau-nhien.csv').expect(200)).body.created).toBe(20);
    const imported = (
      await as(admin)
        .get(`/api/questions?limit=500&topic=${encodeURIComponent(topic)}`)
        .expect(200)
    ).body.items as Made[];
    expect(new Set(imported.map((q) => q.choices.findIndex((choice) => choice.correct))).size).toBeGreaterThan(1);
    const [event] = (await audits({ action: 'question.import' })).slice(-1);
    expect(event).toMatchObject({ targetKind: 'question_import', targetId: null });
    expect(JSON.parse(event.after!)).toEqual({ created: 20, skipped: 0 });
  });
});
