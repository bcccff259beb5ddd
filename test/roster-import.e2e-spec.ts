import ExcelJS from 'exceljs';
import { OrgFactory } from './support/org-factory';
import { TestApp, startTestApp } from './support/test-app';

describe('roster imports', () => {
  let t: TestApp;
  let make: OrgFactory;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    make = new OrgFactory(t);
    admin = await make.admin();
  });
  afterAll(() => t.close());

  const upload = (url: string, content: string | Buffer, filename: string, token = admin) =>
    t.http().post(url).auth(token, { type: 'bearer' }).set('accept-language', 'en').attach('file', Buffer.from(content), filename);

  async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    rows.forEach((row) => sheet.addRow(row));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it('imports a unit tree from CSV with Vietnamese headers and a BOM, in any row order', async () => {
    const root = OrgFactory.unique('H');
    const csv =
      '\uFEFFMã đơn vị,Tên đơn vị,Loại,Mã đơn vị cấp trên,Số cán bộ\n' +
      `${root}-X1,UBND xã Hạ Mỗ,Xã,${root},30\n` +
      `${root},UBND huyện Đan Phượng,Cơ quan huyện,,0\n` +
      `${root}-S1,"Trường Tiểu học Hạ Mỗ",Trường,${root}-X1,"1,234"\n`;
    const res = await upload('/api/units/import', csv, 'don-vi.csv').expect(200);
    expect(res.body).toEqual({ dryRun: false, created: 3, updated: 0, errors: [] });
    const units = await t.http().get('/api/units').auth(admin, { type: 'bearer' }).expect(200);
    const byCode = new Map(units.body.map((u: { code: string }) => [u.code, u]));
    expect(byCode.get(`${root}-S1`)).toMatchObject({ name: 'Trường Tiểu học Hạ Mỗ', category: 'school', headcount: 1234 });
    expect((byCode.get(`${root}-X1`) as { parentId: number }).parentId).toBe((byCode.get(root) as { id: number }).id);

    const again = await upload('/api/units/import', csv.replace(',30\n', ',31\n'), 'don-vi.csv').expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 3 });
  });

  it('refuses a unit file with a cycle or unknown parent, naming rows, and writes nothing', async () => {
    const a = OrgFactory.unique('CY');
    const csv = `code,name,category,parentCode,headcount\n${a}-1,A,other,${a}-2,1\n${a}-2,B,other,${a}-1,1\n${a}-3,C,other,NOPE-${a},1\n${a}-4,D,castle,,x\n`;
    const res = await upload('/api/units/import', csv, 'units.csv').expect(422);
    expect(res.body.errors).toEqual([
      { row: 2, field: 'parentCode', message: expect.stringContaining('cycle') },
      { row: 3, field: 'parentCode', message: expect.stringContaining('cycle') },
      { row: 4, field: 'parentCode', message: `unknown unit NOPE-${a}` },
      { row: 5, field: 'category', message: expect.any(String) },
      { row: 5, field: 'headcount', message: expect.any(String) },
    ]);
    const units = await t.http().get('/api/units').auth(admin, { type: 'bearer' }).expect(200);
    expect(units.body.some((u: { code: string }) => u.code.startsWith(a))).toBe(false);
  });

  it('refuses 10,000 participants with one bad row, naming it; the fixed file imports; again updates', async () => {
    const unit = await make.unit({ headcount: 10000 });
    const clan = await make.clan();
    const prefix = OrgFactory.unique('BIG');
    const lines = ['Mã cán bộ;Họ và tên;Mã đơn vị;Mã dòng họ;Mã PIN'];
    for (let i = 0; i < 10000; i++) {
      lines.push(`${prefix}${i};Nguyễn Thị Ánh Tuyết ${i};${unit.code};${i % 10 === 0 ? clan.code : ''};${String(1000 + (i % 9000))}`);
    }
    const bad = [...lines];
    bad[7001] = `${prefix}7000;Lê Hữu Đạt;${unit.code};;12ab`;
    const refused = await upload('/api/participants/import', bad.join('\n'), 'ds.csv').expect(422);
    expect(refused.body).toMatchObject({ statusCode: 422, errors: [{ row: 7002, field: 'pin', message: 'pin must be 4 to 8 digits' }] });
    const none = await t.http().get(`/api/participants?unitId=${unit.id}`).auth(admin, { type: 'bearer' }).expect(200);
    expect(none.body.total).toBe(0);

    const dry = await upload('/api/participants/import?dryRun=true', lines.join('\n'), 'ds.csv').expect(200);
    expect(dry.body).toEqual({ dryRun: true, created: 10000, updated: 0, errors: [] });
    expect((await t.http().get(`/api/participants?unitId=${unit.id}`).auth(admin, { type: 'bearer' })).body.total).toBe(0);

    const imported = await upload('/api/participants/import', lines.join('\n'), 'ds.csv').expect(200);
    expect(imported.body).toEqual({ dryRun: false, created: 10000, updated: 0, errors: [] });
    const found = await t
      .http()
      .get(`/api/participants?unitId=${unit.id}&q=${encodeURIComponent('anh tuyet 4242')}`)
      .auth(admin, { type: 'bearer' })
      .expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ staffCode: `${prefix}4242`, fullName: 'Nguyễn Thị Ánh Tuyết 4242' })]);
    await t
      .http()
      .post('/api/auth/participant')
      .send({ staffCode: `${prefix}4242`, pin: String(1000 + 4242) })
      .expect(200);

    const again = await upload('/api/participants/import', lines.join('\n'), 'ds.csv').expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 10000 });
    expect((await t.http().get(`/api/participants?unitId=${unit.id}`).auth(admin, { type: 'bearer' })).body.total).toBe(10000);
  });

  it('imports participants from .xlsx, keeping diacritics byte for byte and PINs not given', async () => {
    const unit = await make.unit();
    const existing = await make.participant({ unitCode: unit.code, pin: '8642' });
    const code = OrgFactory.unique('XL');
    const file = await xlsx([
      ['STT', 'Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'Hoạt động'],
      [1, code, 'Đặng Thị Ngọc Hường', unit.code, 'có'],
      [2, existing.staffCode, 'Bùi Quang Hưng', unit.code, ''],
    ]);
    const res = await upload('/api/participants/import', file, 'danh-sach.xlsx').expect(200);
    expect(res.body).toMatchObject({ created: 1, updated: 1 });
    const list = await t.http().get(`/api/participants?unitId=${unit.id}`).auth(admin, { type: 'bearer' }).expect(200);
    const names = list.body.items.map((p: { fullName: string }) => p.fullName);
    expect(names).toEqual(expect.arrayContaining(['Đặng Thị Ngọc Hường', 'Bùi Quang Hưng']));
    expect(Buffer.from(names.find((n: string) => n.startsWith('Đặng'))).equals(Buffer.from('Đặng Thị Ngọc Hường'.normalize('NFC')))).toBe(true);
    // No PIN column: the existing participant keeps theirs.
    await t.http().post('/api/auth/participant').send({ staffCode: existing.staffCode, pin: '8642' }).expect(200);
  });

  it('refuses rows outside an organiser’s units, unknown units and clans, and duplicates in the file', async () => {
    const own = await make.unit();
    const foreign = await make.unit();
    const organiser = await make.organiser(own.id);
    const p = OrgFactory.unique('SC');
    const csv = `staffCode,fullName,unitCode,clanCode\n${p}1,Hồ Văn A,${own.code},\n${p}2,Hồ Văn B,${foreign.code},\n${p}3,Hồ Văn C,NOPE,NOCLAN\n${p}1,Hồ Văn D,${own.code},\n`;
    const res = await upload('/api/participants/import', csv, 'x.csv', organiser.token).expect(422);
    expect(res.body.errors).toEqual([
      { row: 3, field: 'unitCode', message: `${foreign.code} is outside the units you manage` },
      { row: 4, field: 'unitCode', message: 'unknown unit NOPE' },
      { row: 4, field: 'clanCode', message: 'unknown clan NOCLAN' },
      { row: 5, field: 'staffCode', message: `${p}1 already appears in row 2` },
    ]);
  });

  it('words row problems in Vietnamese unless English is asked for', async () => {
    const csv = `staffCode,fullName,unitCode,pin\nNV-VI-1,Hà Văn A,NOPE-VI,1234\nNV-VI-2,Hà Văn B,NOPE-VI,12\n`;
    const res = await t.http().post('/api/participants/import').auth(admin, { type: 'bearer' }).attach('file', Buffer.from(csv), 'x.csv').expect(422);
    expect(res.body.message).toContain('chưa nhập gì');
    expect(res.body.errors).toEqual([
      { row: 2, field: 'unitCode', message: 'Không có đơn vị NOPE-VI' },
      { row: 3, field: 'pin', message: 'Mã PIN phải gồm 4 đến 8 chữ số' },
    ]);
  });

  it('answers files it cannot read with a 4xx', async () => {
    await upload('/api/participants/import', 'hello', 'notes.txt').expect(415);
    const missing = await upload('/api/participants/import', 'fullName\nA\n', 'x.csv').expect(422);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['staffCode', 'unitCode']));
    await upload('/api/participants/import', Buffer.from('PK\u0003\u0004garbage'), 'x.xlsx').expect(422);
    await t.http().post('/api/participants/import').auth(admin, { type: 'bearer' }).send({ file: 'x' }).expect(415);
    await t.http().post('/api/participants/import').auth(admin, { type: 'bearer' }).field('other', 'x').expect(400);
    await upload('/api/participants/import', '', 'empty.csv').expect(422);
    // A form cut off before its closing boundary, and one with two files: the sender's fault, not a 500.
    const cut = '--b\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\nstaffCode,fullName\r\nNV1,An';
    const res = await t
      .http()
      .post('/api/participants/import')
      .auth(admin, { type: 'bearer' })
      .set('content-type', 'multipart/form-data; boundary=b')
      .send(cut)
      .expect(400);
    expect(res.body.code).toBe('BAD_FORM');
    const twoFiles = t
      .http()
      .post('/api/participants/import')
      .auth(admin, { type: 'bearer' })
      .attach('file', Buffer.from('a'), 'a.csv')
      .attach('file', Buffer.from('b'), 'b.csv');
    expect((await twoFiles.expect(413)).body.code).toBe('FST_FILES_LIMIT');
  });
});
