import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docxFromFolder } from './support/docx';
import { OrgFactory } from './support/org-factory';
import { TestApp, startTestApp } from './support/test-app';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'questions', name));

describe('question bank', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new OrgFactory(t).admin();
  });
  afterAll(() => t.close());

  const post = (url: string) => t.http().post(url).auth(admin, { type: 'bearer' }).set('accept-language', 'en');
  const get = (url: string) => t.http().get(url).auth(admin, { type: 'bearer' });
  const upload = (content: Buffer | string, filename: string, query = '') =>
    post(`/api/questions/import${query}`).attach('file', Buffer.from(content), filename);

  const single = {
    type: 'single',
    text: 'Mã OTP nên được chia sẻ với ai?',
    choices: [
      { text: 'Nhân viên ngân hàng gọi đến', correct: false },
      { text: 'Không ai cả', correct: true },
    ],
    topic: 'Lừa đảo trực tuyến',
    difficulty: 1,
    explanation: 'Ngân hàng không bao giờ hỏi mã OTP.',
  };

  it('creates, reads, edits and retires a question; never deletes it', async () => {
    const created = await post('/api/questions').send(single).expect(201);
    // The bank stores choices in a random order, so their order (and ids) say nothing of the key.
    const { choices: _written, ...fields } = single;
    expect(created.body).toMatchObject({ ...fields, retired: false, unitId: null, editable: true, replaces: null, replacedBy: null });
    expect(created.body.choices).toHaveLength(2);
    expect(created.body.choices).toEqual(expect.arrayContaining(single.choices.map((choice) => ({ id: expect.any(Number), ...choice }))));
    const id = created.body.id;
    const edited = await t.http().patch(`/api/questions/${id}`).auth(admin, { type: 'bearer' }).send({ difficulty: 2, topic: null }).expect(200);
    expect(edited.body).toMatchObject({ difficulty: 2, topic: null, text: single.text });
    await t.http().delete(`/api/questions/${id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect((await get(`/api/questions/${id}`).expect(200)).body.retired).toBe(true);
    const active = await get('/api/questions?limit=500').expect(200);
    expect(active.body.items.map((q: { id: number }) => q.id)).not.toContain(id);
    const all = await get('/api/questions?limit=500&includeRetired=true').expect(200);
    expect(all.body.items.map((q: { id: number }) => q.id)).toContain(id);
  });

  it('lets the wording of an asked question be corrected, but not its choices or type', async () => {
    const asked = (
      await post('/api/questions')
        .send({ ...single, text: 'Ai được biết mã OTP của bạn?' })
        .expect(201)
    ).body;
    const spare = (
      await post('/api/questions')
        .send({ ...single, text: 'Ai được hỏi mã OTP của bạn?' })
        .expect(201)
    ).body;
    const make = new OrgFactory(t);
    const unit = await make.unit();
    const person = await make.participant({ unitCode: unit.code });
    const race = (await post('/api/races').send({ name: 'Đua sửa câu hỏi' }).expect(201)).body;
    const round = (
      await post(`/api/races/${race.id}/rounds`)
        .send({ name: 'Vòng 1', mode: 'window', questionIds: [asked.id] })
        .expect(201)
    ).body;
    await post(`/api/rounds/${round.id}/open`).expect(200);
    const participant = await make.participantToken(person.staffCode);
    await t.http().post(`/api/rounds/${round.id}/attempts`).auth(participant, { type: 'bearer' }).expect(201);
    const patch = (id: number, body: object) => t.http().patch(`/api/questions/${id}`).auth(admin, { type: 'bearer' }).set('accept-language', 'en').send(body);

    // As the console's edit form sends it: every field, the choices in stored order, their wording corrected.
    const reworded = asked.choices.map(({ text, correct }: { text: string; correct: boolean }) => ({ text: text.replace('gọi đến', 'gọi tới'), correct }));
    const fixed = await patch(asked.id, { ...single, text: 'Ai được biết mã OTP của bạn? ', choices: reworded }).expect(200);
    expect(fixed.body.choices).toEqual(asked.choices.map((choice: { id: number }, i: number) => ({ id: choice.id, ...reworded[i] })));
    const flipped = reworded.map((choice: { text: string; correct: boolean }) => ({ ...choice, correct: !choice.correct }));
    expect((await patch(asked.id, { choices: flipped }).expect(409)).body.code).toBe('QUESTION_IN_USE');
    expect((await patch(asked.id, { choices: [...reworded, { text: 'Người thân', correct: false }] }).expect(409)).body.code).toBe('QUESTION_IN_USE');
    expect((await patch(asked.id, { type: 'multiple' }).expect(409)).body.code).toBe('QUESTION_IN_USE');
    expect((await get(`/api/questions/${asked.id}`).expect(200)).body.choices).toEqual(fixed.body.choices);
    // A question nobody has been asked can still change shape.
    const reshaped = await patch(spare.id, { choices: flipped }).expect(200);
    expect(reshaped.body.choices.find((choice: { correct: boolean }) => choice.correct).text).toBe(
      flipped.find((choice: { correct: boolean }) => choice.correct).text,
    );
  });

  it('checks the rules of each type', async () => {
    const twoCorrect = await post('/api/questions')
      .send({ ...single, choices: single.choices.map((c) => ({ ...c, correct: true })) })
      .expect(400);
    expect(twoCorrect.body.message).toContain('exactly one correct choice');
    await post('/api/questions')
      .send({ ...single, type: 'multiple', choices: single.choices.map((c) => ({ ...c, correct: false })) })
      .expect(400);
    await post('/api/questions')
      .send({ ...single, type: 'truefalse', choices: [...single.choices, { text: 'Khác', correct: false }] })
      .expect(400);
    await post('/api/questions')
      .send({ ...single, choices: [single.choices[1]] })
      .expect(400);
    await post('/api/questions')
      .send({ ...single, difficulty: 4 })
      .expect(400);
    await post('/api/questions')
      .send({
        ...single,
        choices: [
          { text: 'A', correct: true },
          { text: 'a', correct: false },
        ],
      })
      .expect(400);
    const tf = await post('/api/questions')
      .send({
        type: 'truefalse',
        text: 'VNeID là ứng dụng định danh điện tử quốc gia.',
        choices: [
          { text: '', correct: true },
          { text: '', correct: false },
        ],
      })
      .expect(201);
    expect(tf.body.choices.map((c: { text: string }) => c.text)).toEqual(['Đúng', 'Sai']);
  });

  it('lists by topic and counts topics', async () => {
    await post('/api/questions')
      .send({ ...single, text: 'Câu về chủ đề riêng', topic: 'Chủ đề thử' })
      .expect(201);
    const listed = await get(`/api/questions?topic=${encodeURIComponent('Chủ đề thử')}`).expect(200);
    expect(listed.body).toMatchObject({ total: 1, items: [{ text: 'Câu về chủ đề riêng' }] });
    const topics = await get('/api/questions/topics').expect(200);
    expect(topics.body).toEqual(expect.arrayContaining([{ topic: 'Chủ đề thử', count: 1 }]));
  });

  it('imports each format’s fixture, diacritics byte for byte, and skips what it already has', async () => {
    const csv = await upload(fixture('cau-hoi.csv'), 'cau-hoi.csv').expect(200);
    expect(csv.body).toEqual({ dryRun: false, created: 3, skipped: 0, errors: [] });
    const aiken = await post('/api/questions/import').field('format', 'aiken').attach('file', fixture('cau-hoi.aiken.txt'), 'cau-hoi.txt').expect(200);
    expect(aiken.body.created).toBe(2);
    const gift = await upload(fixture('cau-hoi.gift.txt'), 'cau-hoi.gift').expect(200);
    expect(gift.body.created).toBe(3);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Câu hỏi');
    sheet.addRow(['STT', 'Loại', 'Câu hỏi', 'Đáp án A', 'Đáp án B', 'Đáp án C', 'Đáp án đúng', 'Chủ đề']);
    sheet.addRow([
      1,
      'Nhiều đáp án',
      'Những cách nào giúp bảo vệ tài khoản? (chọn nhiều đáp án)',
      'Bật xác thực hai lớp',
      'Dùng chung một mật khẩu',
      'Đặt mật khẩu dài',
      'A,C',
      'Bảo vệ dữ liệu cá nhân',
    ]);
    const xlsx = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'cau-hoi.xlsx').expect(200);
    expect(xlsx.body.created).toBe(1);

    const docx = await upload(await docxFromFolder(join(__dirname, 'fixtures', 'questions', 'de-kiem-tra.docx.d')), 'de-kiem-tra.docx').expect(200);
    expect(docx.body.created).toBe(5);

    const stored = await get(`/api/questions?topic=${encodeURIComponent('An toàn khi dùng AI')}`).expect(200);
    const text = stored.body.items[0].text as string;
    expect(Buffer.from(text).equals(Buffer.from('Những thông tin nào không được dán vào công cụ AI công cộng? (chọn nhiều đáp án)'.normalize('NFC')))).toBe(
      true,
    );

    const again = await upload(fixture('cau-hoi.csv'), 'cau-hoi.csv').expect(200);
    expect(again.body).toMatchObject({ created: 0, skipped: 3 });
  });

  it('previews an import without writing, and refuses a file with one broken question whole', async () => {
    const before = (await get('/api/questions?limit=1').expect(200)).body.total;
    const dry = await upload(fixture('cau-hoi.gift.txt').toString().replace('Mật khẩu mạnh', 'Mật khẩu thật mạnh'), 'x.gift', '?dryRun=true').expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, created: 1, skipped: 2 });
    const broken = fixture('cau-hoi.csv').toString().replace(',B,Trợ lý AI', ',E,Trợ lý AI');
    const refused = await upload(broken, 'hong.csv').expect(422);
    expect(refused.body.errors).toEqual([{ row: 2, field: 'correct', message: expect.any(String) }]);
    const aiken = await upload('Câu một?\nA. x\nB. y\nANSWER: A\n\nCâu hai?\nA. x\nB. y\n', 'x.txt').expect(422);
    expect(aiken.body.errors).toEqual([{ line: 8, field: 'answer', message: 'missing "ANSWER: X" line' }]);
    expect((await get('/api/questions?limit=1').expect(200)).body.total).toBe(before);
  });

  it('exports CSV and XLSX in the importer’s columns, guarding cells against formulas', async () => {
    await post('/api/questions')
      .send({ ...single, text: '=1+1 có phải là công thức không?' })
      .expect(201);
    const csv = await get('/api/questions/export?format=csv').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('\uFEFFtype,text,A,B,C,D,E,F,G,H,correct,topic,difficulty,explanation');
    expect(csv.text).toContain("'=1+1 có phải là công thức không?");
    const xlsx = await get('/api/questions/export?format=xlsx')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    expect(book.worksheets[0].getRow(1).getCell(2).value).toBe('text');
    await get('/api/questions/export?format=pdf').expect(400);
  });

  it('shows questions to organisers only', async () => {
    const make = new OrgFactory(t);
    const unit = await make.unit();
    const person = await make.participant({ unitCode: unit.code });
    const participant = await make.participantToken(person.staffCode);
    const screen = await make.screenToken();
    for (const token of [participant, screen]) {
      await t.http().get('/api/questions').auth(token, { type: 'bearer' }).expect(403);
      await t.http().get('/api/questions/export?format=csv').auth(token, { type: 'bearer' }).expect(403);
    }
  });
});

describe('question bank round trip', () => {
  it('exports any question the API accepts and imports it back unchanged (CSV)', async () => {
    const source = await startTestApp();
    const target = await startTestApp();
    try {
      const sourceAdmin = await new OrgFactory(source).admin();
      const targetAdmin = await new OrgFactory(target).admin();
      const text = fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĐÊỐỮ àáảãạ,;"\'=+-@\n'.split('')) });
      const question = fc.record({
        type: fc.constantFrom('single', 'multiple', 'truefalse'),
        text,
        choices: fc.uniqueArray(text, { minLength: 2, maxLength: 8 }),
        correctAt: fc.nat(7),
        topic: fc.option(text, { nil: undefined }),
        difficulty: fc.integer({ min: 1, max: 3 }),
        explanation: fc.option(text, { nil: undefined }),
      });
      const accepted: unknown[] = [];
      for (const q of fc.sample(question, { numRuns: 60, seed: 42 })) {
        const choices = q.type === 'truefalse' ? ['', ''] : q.choices;
        const body = { ...q, correctAt: undefined, choices: choices.map((c, i) => ({ text: c, correct: i === q.correctAt % choices.length })) };
        const res = await source.http().post('/api/questions').auth(sourceAdmin, { type: 'bearer' }).send(body);
        expect([201, 400]).toContain(res.status);
        if (res.status === 201) accepted.push(res.body);
      }
      expect(accepted.length).toBeGreaterThan(20);
      const csv = await source.http().get('/api/questions/export?format=csv').auth(sourceAdmin, { type: 'bearer' }).expect(200);
      const imported = await target
        .http()
        .post('/api/questions/import')
        .auth(targetAdmin, { type: 'bearer' })
        .attach('file', Buffer.from(csv.text), 'bank.csv')
        .expect(200);
      const distinct = new Set(accepted.map((q) => JSON.stringify(strip(q)).toLowerCase())).size;
      expect(imported.body.created).toBe(distinct);
      const back = await target.http().get('/api/questions?limit=500').auth(targetAdmin, { type: 'bearer' }).expect(200);
      const key = (q: unknown) => JSON.stringify(strip(q));
      expect(new Set(back.body.items.map(key))).toEqual(
        new Set(accepted.map(key).filter((k, i, all) => all.findIndex((o) => o.toLowerCase() === k.toLowerCase()) === i)),
      );
    } finally {
      await source.close();
      await target.close();
    }
  }, 60_000);
});

function strip(question: unknown) {
  const { type, text, topic, difficulty, explanation, choices } = question as {
    type: string;
    text: string;
    topic: string | null;
    difficulty: number;
    explanation: string | null;
    choices: { text: string; correct: boolean }[];
  };
  // Choices as a set: the bank stores them in a random order, also on import.
  const sorted = choices.map(({ text: t, correct }) => ({ text: t, correct })).sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { type, text, topic, difficulty, explanation, choices: sorted };
}
