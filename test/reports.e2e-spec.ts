import ExcelJS from 'exceljs';
import { TokensService } from '../src/access/tokens.service';
import { DemoSeed, seedDemo } from '../seeds/demo-seed';
import { OrgFactory } from './support/org-factory';
import { sql } from './support/sql';
import { TestApp, startTestApp } from './support/test-app';

/** Downloads a file as bytes (supertest would otherwise try to parse it). */
const bytes = (request: import('supertest').Test) =>
  request.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

async function sheetsOf(file: Buffer): Promise<Record<string, Array<Array<ExcelJS.CellValue>>>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheets: Record<string, Array<Array<ExcelJS.CellValue>>> = {};
  workbook.eachSheet((sheet) => {
    const rows: Array<Array<ExcelJS.CellValue>> = [];
    sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
    sheets[sheet.name] = rows;
  });
  return sheets;
}

/** A CSV's cells, enough for the files we write (quoted cells, doubled quotes, CRLF). */
function csvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('reports on the demo district', () => {
  let t: TestApp;
  let admin: string;
  let seed: DemoSeed;
  const as = (token: string) => ({
    get: (path: string) => t.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string) => t.http().post(path).auth(token, { type: 'bearer' }),
  });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new OrgFactory(t).admin();
    seed = await seedDemo(t.app);
  }, 120_000);
  afterAll(() => t.close());

  it('reproduces the article: 2,751 of 2,896 took part; offices 89.95%, communes 83.76%, schools 97.84%', async () => {
    // As many from each category as the article says played, each answering one question of the demo round.
    const people = await sql<{ id: number; category: string }>(
      t,
      'SELECT p.id, u.category FROM participant p JOIN unit u ON u.id = p.unit_id ORDER BY p.id',
      [],
    );
    const playing = { district_office: 179, commune: 397, school: 2175 } as Record<string, number>;
    const players = people.filter((person) => playing[person.category]-- > 0).map((person) => Number(person.id));
    expect(players).toHaveLength(2751);
    const tokens = t.app.get(TokensService);
    for (let i = 0; i < players.length; i += 40) {
      await Promise.all(
        players.slice(i, i + 40).map(async (id) => {
          const token = tokens.sign('participant', id).token;
          const attempt = (await as(token).post(`/api/rounds/${seed.round.id}/attempts`).expect(201)).body;
          await as(token)
            .post(`/api/attempts/${attempt.attemptId}/answers`)
            .send({ questionId: attempt.question.id, choiceIds: [attempt.question.choices[0].id] })
            .expect(200);
        }),
      );
    }
    const race = seed.round.raceId;
    const report = (await as(admin).get(`/api/reports/participation?race=${race}`).expect(200)).body;
    expect(report.total).toMatchObject({ participants: 2751, headcount: 2896, ratePercent: 94.99 });
    const byCategory = Object.fromEntries(
      report.categories.map((c: { id: string; ratePercent: number; participants: number; headcount: number }) => [
        c.id,
        [c.participants, c.headcount, c.ratePercent],
      ]),
    );
    expect(byCategory).toEqual({ district_office: [179, 199, 89.95], commune: [397, 474, 83.76], school: [2175, 2223, 97.84] });

    // The same totals counted straight from the database.
    const [counted] = await sql<{ n: number }>(t, 'SELECT COUNT(DISTINCT participant_id) AS n FROM answer WHERE round_id = ?', [seed.round.id]);
    const [headcount] = await sql<{ n: number }>(t, 'SELECT SUM(headcount) AS n FROM unit WHERE merged_into_id IS NULL', []);
    expect([Number(counted.n), Number(headcount.n)]).toEqual([report.total.participants, report.total.headcount]);
    const perUnit = await sql<{ unit_id: number; n: number }>(
      t,
      'SELECT p.unit_id, COUNT(DISTINCT a.participant_id) AS n FROM answer a JOIN participant p ON p.id = a.participant_id GROUP BY p.unit_id',
      [],
    );
    for (const { unit_id, n } of perUnit) expect(report.units.find((u: { id: number }) => u.id === Number(unit_id)).participants).toBe(Number(n));
    expect(report.units.reduce((sum: number, u: { participants: number }) => sum + u.participants, 0)).toBe(2751);

    // The spreadsheet says the same, with the same rounding, as percentages.
    const sheets = await sheetsOf((await bytes(as(admin).get(`/api/reports/participation.xlsx?race=${race}`)).expect(200)).body);
    expect(Object.keys(sheets)).toEqual(['Toàn huyện', 'Khối', 'Đơn vị']);
    expect(sheets['Toàn huyện'][1].slice(0, 4)).toEqual(['Tổng', 2751, 2896, 0.9499]);
    expect(sheets['Khối'].slice(1).map((row) => [row[1], row[4]])).toEqual([
      ['Trường học', 0.9784],
      ['Cơ quan, đơn vị cấp huyện', 0.8995],
      ['Xã, thị trấn', 0.8376],
    ]);
    expect(sheets['Đơn vị']).toHaveLength(1 + report.units.length);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await bytes(as(admin).get(`/api/reports/participation.xlsx?race=${race}`))).body);
    const units = workbook.getWorksheet('Đơn vị')!;
    expect(units.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(units.getCell('F2').numFmt).toBe('0.00%');
    expect(units.getRow(1).font?.bold).toBe(true);

    const csv = (await as(admin).get(`/api/reports/participation.csv?race=${race}`).expect(200)).text;
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csvCells(csv.slice(1))).toContainEqual(['Tổng', '2751', '2896', '94.99', expect.any(String), expect.any(String), expect.any(String), '', '', '']);

    // Who has not played: the other 145, by unit.
    const missing = (await as(admin).get(`/api/reports/non-participants?race=${race}&limit=1000`).expect(200)).body;
    expect(missing.total).toBe(145);
    expect(missing.items).toHaveLength(145);
    expect(new Set(missing.items.map((p: { id: number }) => p.id)).size).toBe(145);
    expect(missing.items.some((p: { id: number }) => players.includes(p.id))).toBe(false);
    const missingCsv = csvCells((await as(admin).get(`/api/reports/non-participants.csv?race=${race}`).expect(200)).text.slice(1));
    expect(missingCsv[0]).toEqual(['Đơn vị', 'Mã cán bộ', 'Họ và tên']);
    expect(
      missingCsv
        .slice(1)
        .map((row) => row[1])
        .sort(),
    ).toEqual(missing.items.map((p: { staffCode: string }) => p.staffCode).sort());
    const missingXlsx = await sheetsOf((await bytes(as(admin).get(`/api/reports/non-participants.xlsx?race=${race}`)).expect(200)).body);
    expect(missingXlsx['Chưa tham gia']).toHaveLength(146);

    // An organiser of one commune sees that commune only.
    const hamo = (await t.http().post('/api/auth/login').send({ username: seed.organiser!.username, password: seed.organiser!.password }).expect(200)).body
      .accessToken;
    const theirs = (await as(hamo).get(`/api/reports/participation?race=${race}`).expect(200)).body;
    // Some units, and only Hạ Mỗ's (every() of none would pass).
    expect(theirs.units.length).toBeGreaterThan(0);
    expect(theirs.units.every((u: { name: string }) => u.name.includes('Hạ Mỗ'))).toBe(true);
    expect(theirs.total.headcount).toBeLessThan(2896);
    const theirMissing = (await as(hamo).get(`/api/reports/non-participants?race=${race}&limit=1000`).expect(200)).body;
    expect(theirMissing.items).toEqual(missing.items.filter((p: { unitName: string }) => p.unitName.includes('Hạ Mỗ')));
    // Everyone of Hạ Mỗ played above, so that list is empty; in a race nobody has played, theirs is
    // all of Hạ Mỗ and nobody else.
    const unplayed = (await as(admin).post('/api/races').send({ name: 'Cuộc đua chưa ai chơi' }).expect(201)).body.id as number;
    const theirUnplayed = (await as(hamo).get(`/api/reports/non-participants?race=${unplayed}&limit=1000`).expect(200)).body;
    expect(theirUnplayed.items.length).toBeGreaterThan(0);
    expect(theirUnplayed.items.every((p: { unitName: string }) => p.unitName.includes('Hạ Mỗ'))).toBe(true);
    const elsewhere = report.units.find((u: { name: string }) => !u.name.includes('Hạ Mỗ')).id;
    await as(hamo).get(`/api/reports/participation?race=${race}&unitId=${elsewhere}`).expect(403);

    // The round's results: everyone who played, ranked, and each question's difficulty.
    const results = (await as(admin).get(`/api/reports/rounds/${seed.round.id}/results?limit=500`).expect(200)).body;
    expect(results.total).toBe(2751);
    expect(results.participants[0].rank).toBe(1);
    for (let i = 1; i < results.participants.length; i++) {
      const [a, b] = [results.participants[i - 1], results.participants[i]];
      expect(b.score).toBeLessThanOrEqual(a.score);
      expect(b.rank).toBe(b.score === a.score ? a.rank : i + 1);
    }
    const page2 = (await as(admin).get(`/api/reports/rounds/${seed.round.id}/results?limit=100&offset=100`).expect(200)).body;
    expect(page2.participants.map((p: { rank: number }) => p.rank)).toEqual(results.participants.slice(100, 200).map((p: { rank: number }) => p.rank));
    expect(results.questions.reduce((sum: number, q: { answered: number }) => sum + q.answered, 0)).toBe(2751);
    const shares = results.questions.map((q: { correctShare: number }) => q.correctShare);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    const resultSheets = await sheetsOf((await bytes(as(admin).get(`/api/reports/rounds/${seed.round.id}/results.xlsx`)).expect(200)).body);
    expect(resultSheets['Kết quả cá nhân']).toHaveLength(2752);
    expect(resultSheets['Kết quả cá nhân'].slice(1, 501).map((row) => row[0])).toEqual(results.participants.map((p: { rank: number }) => p.rank));
    expect(resultSheets['Theo câu hỏi']).toHaveLength(1 + results.questions.length);
  }, 120_000);

  it('makes every cell that would start a formula inert, in every export', async () => {
    const make = new OrgFactory(t);
    const dangers = ['=HYPERLINK("http://example.com","bấm")', '+84 912', '-1 điểm', '@SUM(A1:A9)'];
    const unit = await make.unit({ name: dangers[0], category: 'commune', headcount: 5 });
    const people = [];
    for (const name of dangers.slice(1)) people.push(await make.participant({ unitCode: unit.code, fullName: name }));
    const players = people.slice(0, 2);
    const question = (
      await as(admin)
        .post('/api/questions')
        .send({
          type: 'single',
          text: '=1+1 bằng mấy?',
          choices: [
            { text: '@2', correct: true },
            { text: '-3', correct: false },
            { text: '+4', correct: false },
          ],
        })
        .expect(201)
    ).body;
    const race = (await as(admin).post('/api/races').send({ name: 'Đua công thức' }).expect(201)).body.id;
    const round = (
      await as(admin)
        .post(`/api/races/${race}/rounds`)
        .send({ name: '=Vòng', mode: 'window', questionIds: [question.id] })
        .expect(201)
    ).body.id;
    await as(admin).post(`/api/rounds/${round}/open`).expect(200);
    const tokens = t.app.get(TokensService);
    for (const player of players) {
      const token = tokens.sign('participant', player.id).token;
      const attempt = (await as(token).post(`/api/rounds/${round}/attempts`).expect(201)).body;
      // The bank stores choices shuffled: pick the wrong answer by its text.
      const handle = attempt.question.choices.find((c: { text: string }) => c.text === '-3').id;
      await as(token)
        .post(`/api/attempts/${attempt.attemptId}/answers`)
        .send({ questionId: question.id, choiceIds: [handle] })
        .expect(200);
    }

    const paths = [
      `/api/reports/participation.%s?race=${race}`,
      `/api/reports/non-participants.%s?race=${race}&unitId=${unit.id}`,
      `/api/reports/rounds/${round}/results.%s`,
    ];
    const texts: string[] = [];
    for (const path of paths) {
      const csv = (await as(admin).get(path.replace('%s', 'csv')).expect(200)).text;
      texts.push(...csvCells(csv.slice(1)).flat());
      const sheets = await sheetsOf((await bytes(as(admin).get(path.replace('%s', 'xlsx'))).expect(200)).body);
      for (const rows of Object.values(sheets)) for (const row of rows) for (const cell of row) if (typeof cell === 'string') texts.push(cell);
    }
    // Every dangerous text made it into the files, and none of it as a live formula.
    for (const expected of [...dangers.map((danger) => `'${danger}`), "'=1+1 bằng mấy?", "'-3"]) expect(texts).toContain(expected);
    expect(texts.filter((text) => /^[=+\-@\t\r]/.test(text))).toEqual([]);
  });

  it('refuses bad report requests with a reason', async () => {
    await as(admin).get('/api/reports/participation').expect(400);
    await as(admin).get('/api/reports/participation?race=1&round=1').expect(400);
    await as(admin).get('/api/reports/participation?race=999999').expect(404);
    await as(admin).get('/api/reports/non-participants?race=abc').expect(400);
    await as(admin).get('/api/reports/rounds/999999/results').expect(404);
    await as(admin).get('/api/reports/rounds/999999/results.xlsx').expect(404);
    const participant = await new OrgFactory(t).participantToken(seed.sampleStaffCodes[0]);
    await as(participant).get(`/api/reports/participation?race=${seed.round.raceId}`).expect(403);
    await t.http().get(`/api/reports/participation?race=${seed.round.raceId}`).expect(401);
  });
});
