import { OrgFactory } from './support/org-factory';
import { TestApp, startTestApp } from './support/test-app';

interface QuestionFigures {
  questionId: number;
  answered: number;
  correct: number;
  missed: number;
  mostChosenWrong: { count: number } | null;
}

/**
 * A district round's results, read by a school's organiser: the people, the per-question counts
 * and the exports cover the attempts made in that school, never the district's. The admin and
 * the district's organisers see the round whole.
 */
describe('round results within the organiser’s subtree', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new OrgFactory(t).admin();
  });
  afterAll(async () => {
    await t.close();
  });

  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => t.http().post(path).auth(token, { type: 'bearer' }),
    patch: (path: string) => t.http().patch(path).auth(token, { type: 'bearer' }),
  });

  it('counts only the answers of the school’s own attempts for the school’s organiser', async () => {
    const make = new OrgFactory(t);
    const district = await make.unit({ name: 'Huyện Kết Quả', category: 'district_office', headcount: 0 });
    const school = await make.unit({ name: 'Trường TH Đông', category: 'school', parentCode: district.code, headcount: 20 });
    const otherSchool = await make.unit({ name: 'Trường TH Tây', category: 'school', parentCode: district.code, headcount: 20 });
    const question = (
      await as(admin)
        .post('/api/questions')
        .send({
          type: 'single',
          text: 'Câu hỏi phạm vi kết quả?',
          choices: [
            { text: 'Đúng', correct: true },
            { text: 'Sai', correct: false },
            { text: 'Chưa rõ', correct: false },
          ],
        })
        .expect(201)
    ).body as { id: number };
    const race = (await as(admin).post('/api/races').send({ name: 'Đua cả huyện' }).expect(201)).body.id as number;
    const round = (
      await as(admin)
        .post(`/api/races/${race}/rounds`)
        .send({ name: 'Vòng huyện', mode: 'window', questionIds: [question.id], revealAnswers: 'immediately' })
        .expect(201)
    ).body.id as number;
    await as(admin).post(`/api/rounds/${round}/open`).expect(200);

    // The school: one right, one wrong ("Sai"). The other school: three wrong ("Chưa rõ"), one right.
    const plays: Array<[string, string]> = [
      [school.code, 'Đúng'],
      [school.code, 'Sai'],
      [otherSchool.code, 'Chưa rõ'],
      [otherSchool.code, 'Chưa rõ'],
      [otherSchool.code, 'Chưa rõ'],
      [otherSchool.code, 'Đúng'],
    ];
    const people: Array<{ id: number; staffCode: string }> = [];
    for (const [unitCode, text] of plays) {
      const person = await make.participant({ unitCode });
      people.push(person);
      const token = await make.participantToken(person.staffCode);
      const attempt = (await as(token).post(`/api/rounds/${round}/attempts`).expect(201)).body as {
        attemptId: number;
        question: { id: number; choices: Array<{ id: unknown; text: string }> };
      };
      const choice = attempt.question.choices.find((c) => c.text === text)!.id;
      await as(token)
        .post(`/api/attempts/${attempt.attemptId}/answers`)
        .send({ questionId: attempt.question.id, choiceIds: [choice] })
        .expect(200);
    }
    // The school's wrong answerer moves to the other school after playing: the attempt stays the school's.
    await as(admin).patch(`/api/participants/${people[1].id}`).send({ unitCode: otherSchool.code }).expect(200);

    const schoolOrganiser = (await make.organiser(school.id)).token;
    const districtOrganiser = (await make.organiser(district.id)).token;

    const theirs = (await as(schoolOrganiser).get(`/api/reports/rounds/${round}/results`).expect(200)).body as {
      total: number;
      participants: Array<{ staffCode: string; unitName: string }>;
      questions: QuestionFigures[];
    };
    expect(theirs.questions).toHaveLength(1);
    expect(theirs.questions[0]).toMatchObject({ questionId: question.id, answered: 2, correct: 1, mostChosenWrong: { count: 1, text: 'Sai' } });
    expect(theirs.total).toBe(2);
    expect(theirs.participants.map((p) => p.staffCode).sort()).toEqual([people[0].staffCode, people[1].staffCode].sort());
    expect(theirs.participants.every((p) => p.unitName === 'Trường TH Đông')).toBe(true);

    // The other school's organiser sees its four, and not the one who moved in after the round.
    const others = (
      await as((await make.organiser(otherSchool.id)).token)
        .get(`/api/reports/rounds/${round}/results`)
        .expect(200)
    ).body;
    expect(others.total).toBe(4);
    expect(others.questions[0]).toMatchObject({ answered: 4, correct: 1, mostChosenWrong: { count: 3, text: 'Chưa rõ' } });

    for (const whole of [admin, districtOrganiser]) {
      const all = (await as(whole).get(`/api/reports/rounds/${round}/results`).expect(200)).body;
      expect(all.total).toBe(6);
      expect(all.questions[0]).toMatchObject({ answered: 6, correct: 2, mostChosenWrong: { count: 3 } });
    }

    // The export's per-question sheet says the same: two answers, one of them the wrong "Sai".
    const csv = (await as(schoolOrganiser).get(`/api/reports/rounds/${round}/results.csv`).expect(200)).text;
    const questionRow = csv.split(/\r?\n/).find((line) => line.includes('Câu hỏi phạm vi kết quả?'))!;
    expect(questionRow).toMatch(/Câu hỏi phạm vi kết quả\?"?,2,/);
    expect(questionRow).toMatch(/Sai"?,1$/);
    expect(csv).not.toContain(people[2].staffCode);
  });
});
