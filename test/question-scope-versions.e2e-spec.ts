import { OrgFactory } from './support/org-factory';
import { Choice, Made, QuestionScopeApp, ask } from './support/question-scope';

/**
 * A question already dealt keeps its key (only typo fixes), and changes by a new version; choices
 * are stored in a random order. Who may see and change which question is in question-scope-owners.
 */
describe('question ownership and versions', () => {
  const scope = new QuestionScopeApp();
  const { as, audits } = scope;
  let admin: string;
  let make: OrgFactory;

  beforeAll(async () => {
    ({ admin, make } = await scope.start());
  });
  afterAll(() => scope.close());

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
