import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { docxFromFolder } from '../../support/docx';
import { OrgFactory } from '../../support/org-factory';
import { TestApp } from '../../support/test-app';

// The organisation, question bank and rounds the generators draw real ids and codes from.

export interface Asked {
  id: number;
  type: string;
  choices: number[];
}

export interface Player {
  id: number;
  staffCode: string;
  token: string;
}

export interface Playing {
  attemptId: number;
  token: string;
  question: Asked | null;
}

export interface Fixture {
  admin: string;
  scoped: string;
  screen: string;
  unitCodes: string[];
  unitIds: number[];
  clanCodes: string[];
  patchUnits: Array<{ id: number; code: string }>;
  mergeUnits: Array<{ id: number; code: string }>;
  importUnitCodes: string[];
  patchParticipantIds: number[];
  importStaffCodes: string[];
  players: Player[];
  starters: Player[];
  answerers: Player[];
  signIn: { staffCode: string; pin: string };
  login: { username: string; password: string };
  joinTokens: string[];
  bank: Map<number, Asked>;
  bankIds: number[];
  patchQuestionIds: number[];
  topics: string[];
  raceId: number;
  sandboxRaceId: number;
  windowRoundId: number;
  liveRoundId: number;
  sandboxRoundIds: number[];
  sandboxLiveRoundId: number;
  sandboxWindowRoundId: number;
  templates: { unitsXlsx: Buffer; participantsXlsx: Buffer; questionsXlsx: Buffer; docx: Buffer };
}

/** A question as one attempt (or phone) is served it: its choices' ids are that attempt's handles. */
export interface ServedQuestion {
  id: number;
  type: string;
  choices: Array<{ id: number }>;
}
export const asServed = (question: ServedQuestion): Asked => ({ id: question.id, type: question.type, choices: question.choices.map((choice) => choice.id) });

/** A right answer-shaped choice list for a question: one choice, or some of them for `multiple`. */
export function choose(question: Asked, picks: number[]): number[] {
  const { choices } = question;
  if (question.type !== 'multiple') return [choices[picks[0] % choices.length]];
  return [...new Set(picks.map((pick) => choices[pick % choices.length]))];
}

async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function buildFixture(t: TestApp): Promise<Fixture> {
  const make = new OrgFactory(t);
  const admin = await make.admin();
  const post = async <T>(path: string, body: object, token = admin, status = 201): Promise<T> =>
    (await t.http().post(path).auth(token, { type: 'bearer' }).send(body).expect(status)).body as T;
  const unitsMade = async (codes: string[], fields: { parentCode?: string; category?: string; headcount?: number }) => {
    const made: Array<{ id: number; code: string }> = [];
    for (const code of codes) made.push(await make.unit({ code, ...fields }));
    return made;
  };
  const participantsMade = async (prefix: string, howMany: number, pin = '1234') => {
    const made: Array<{ id: number; staffCode: string }> = [];
    for (let i = 0; i < howMany; i++) {
      made.push(await make.participant({ staffCode: `${prefix}${i}`, unitCode: i % 2 ? 'FZ-B' : 'FZ-A', clanCode: i % 3 ? undefined : 'FZC1', pin }));
    }
    return made;
  };
  const signedIn = async (people: Array<{ id: number; staffCode: string }>) => {
    const players: Player[] = [];
    for (const person of people) players.push({ ...person, token: await make.participantToken(person.staffCode) });
    return players;
  };
  const range = (prefix: string, howMany: number) => Array.from({ length: howMany }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

  const units = [
    await make.unit({ code: 'FZ', category: 'district_office', headcount: 100 }),
    ...(await unitsMade(['FZ-A', 'FZ-B'], { parentCode: 'FZ', category: 'commune', headcount: 40 })),
    ...(await unitsMade(['FZ-S'], { parentCode: 'FZ', category: 'school', headcount: 30 })),
  ];
  const scoped = await make.organiser(units[1].id);
  const screen = await make.screenToken();
  await make.clan({ code: 'FZC1', unitCode: 'FZ-A' });
  await make.clan({ code: 'FZC2', unitCode: 'FZ-B' });
  await make.clan({ code: 'FZC3' });
  const patchUnits = await unitsMade(range('FZP', 10), { parentCode: 'FZ', category: 'other', headcount: 3 });
  const mergeUnits = await unitsMade(range('FZM', 16), { parentCode: 'FZ', category: 'commune', headcount: 5 });
  await make.unit({ code: 'FZI', parentCode: 'FZ', category: 'other' });
  const importUnits = await unitsMade(range('FZI', 4), { parentCode: 'FZI', category: 'school', headcount: 7 });

  const players = await signedIn(await participantsMade('FZPL', 10));
  const starters = await signedIn(await participantsMade('FZST', 6));
  const answerers = await signedIn(await participantsMade('FZAN', 10));
  const patchees = await participantsMade('FZPA', 10);
  const importees = await participantsMade('FZIM', 4);
  const [signIn] = await participantsMade('FZSI', 1, '2468');
  const [joiner] = await participantsMade('FZJO', 1);
  const joinTokens: string[] = [];
  for (let i = 0; i < 2; i++) joinTokens.push((await post<{ token: string }>(`/api/participants/${joiner.id}/join-link`, {})).token);
  const loginOrganiser = await make.organiser(undefined);

  const bank = new Map<number, Asked>();
  const topics = ['An toàn thông tin', 'Trợ lý AI'];
  const question = async (i: number) => {
    const type = (['single', 'multiple', 'truefalse'] as const)[i % 3];
    const choices =
      type === 'truefalse'
        ? [
            { text: 'Đúng', correct: i % 2 === 0 },
            { text: 'Sai', correct: i % 2 === 1 },
          ]
        : ['Phương án một', 'Phương án hai', 'Phương án ba', 'Phương án bốn'].map((text, c) => ({
            text,
            correct: c === 0 || (type === 'multiple' && c === 2),
          }));
    const made = await post<{ id: number; choices: Array<{ id: number }> }>('/api/questions', {
      type,
      text: `Câu hỏi thử số ${i}?`,
      choices,
      topic: topics[i % 2],
    });
    return { id: made.id, type, choices: made.choices.map((choice) => choice.id) };
  };
  for (let i = 0; i < 100; i++) {
    const asked = await question(i);
    bank.set(asked.id, asked);
  }
  const bankIds = [...bank.keys()];
  const patchQuestionIds: number[] = [];
  for (let i = 100; i < 108; i++) patchQuestionIds.push((await question(i)).id);

  const round = async (raceId: number, body: object) => (await post<{ id: number }>(`/api/races/${raceId}/rounds`, { name: 'Vòng thử', ...body })).id;
  const open = (roundId: number) => post(`/api/rounds/${roundId}/open`, {}, admin, 200);
  const raceId = (await post<{ id: number }>('/api/races', { name: 'Cuộc đua thử nghiệm' })).id;
  const windowRoundId = await round(raceId, { mode: 'window', questionIds: bankIds, secondsPerQuestion: 300, revealAnswers: 'immediately' });
  const liveRoundId = await round(raceId, { mode: 'live', questionIds: bankIds, secondsPerQuestion: 5 });
  await open(windowRoundId);
  await open(liveRoundId);
  await post(`/api/rounds/${liveRoundId}/live/next`, {}, admin, 200);

  const sandboxRaceId = (await post<{ id: number }>('/api/races', { name: 'Cuộc đua nháp' })).id;
  const sandboxRoundIds: number[] = [];
  for (let i = 0; i < 12; i++) sandboxRoundIds.push(await round(sandboxRaceId, { mode: i % 4 ? 'window' : 'live', questionIds: bankIds.slice(i, i + 3) }));
  const sandboxLiveRoundId = await round(sandboxRaceId, { mode: 'live', questionIds: bankIds.slice(0, 3), secondsPerQuestion: 5 });
  const sandboxWindowRoundId = await round(sandboxRaceId, { mode: 'window', questionIds: bankIds.slice(0, 5) });
  await open(sandboxLiveRoundId);
  await open(sandboxWindowRoundId);

  // Each answerer answers once, so the boards have rows to page through.
  for (const player of answerers) {
    const started = await post<{ attemptId: number; question: ServedQuestion }>(`/api/rounds/${windowRoundId}/attempts`, {}, player.token);
    const first = asServed(started.question);
    await post(`/api/attempts/${started.attemptId}/answers`, { questionId: first.id, choiceIds: choose(first, [0, 2]) }, player.token, 200);
  }

  return {
    admin,
    scoped: scoped.token,
    screen,
    unitCodes: ['FZ', 'FZ-A', 'FZ-B', 'FZ-S'],
    unitIds: units.map((unit) => unit.id),
    clanCodes: ['FZC1', 'FZC2', 'FZC3'],
    patchUnits,
    mergeUnits,
    importUnitCodes: importUnits.map((unit) => unit.code),
    patchParticipantIds: patchees.map((person) => person.id),
    importStaffCodes: importees.map((person) => person.staffCode),
    players,
    starters,
    answerers,
    signIn: { staffCode: signIn.staffCode, pin: '2468' },
    login: { username: loginOrganiser.username, password: 'organiser-password' },
    joinTokens,
    bank,
    bankIds,
    patchQuestionIds,
    topics,
    raceId,
    sandboxRaceId,
    windowRoundId,
    liveRoundId,
    sandboxRoundIds,
    sandboxLiveRoundId,
    sandboxWindowRoundId,
    templates: {
      unitsXlsx: await xlsxOf([
        ['code', 'name', 'category', 'parentCode', 'headcount'],
        ['FZX1', 'Đơn vị từ Excel', 'xã', 'FZI', 12],
      ]),
      participantsXlsx: await xlsxOf([
        ['Mã cán bộ', 'Họ và tên', 'Mã đơn vị', 'PIN'],
        ['FZXP1', 'Nguyễn Văn Excel', 'FZ-A', '1234'],
      ]),
      questionsXlsx: await xlsxOf([
        ['Loại', 'Câu hỏi', 'Đáp án A', 'Đáp án B', 'Đáp án đúng'],
        ['Một đáp án', 'Câu hỏi từ Excel?', 'Có', 'Không', 'A'],
      ]),
      docx: await docxFromFolder(join(__dirname, '..', '..', 'fixtures', 'questions', 'de-kiem-tra.docx.d')),
    },
  };
}
