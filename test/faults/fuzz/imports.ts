import fc from 'fast-check';
import { TestApp } from '../../support/test-app';
import { Watch, count, treeConsistent } from './checks';
import { Check, HttpClient, fuzz, isOk, parsed, samples } from './client';
import { Fixture } from './fixture';
import { organiserTokens } from './tokens';
import {
  AIKEN,
  FILE_NAMES,
  FileColumn,
  GIFT,
  OTHER_NAMES,
  PARTICIPANT_FILE_COLUMNS,
  QUESTION_FILE_COLUMNS,
  UNIT_FILE_COLUMNS,
  Upload,
  damaged,
  editedText,
  importCall,
  randomFileBytes,
  tableText,
  uploads,
} from './uploads';

/** Imports are all or nothing: rows added over the run equal what the successful imports said they created. */
async function runImport(
  t: TestApp,
  f: Fixture,
  http: HttpClient,
  name: string,
  path: string,
  uploadsOf: fc.Arbitrary<{ upload: Upload; queryFormat?: string }>,
  table: string,
  watches: Watch[] = [],
): Promise<void> {
  const before = await count(t, table);
  const calls = samples(name, fc.tuple(uploadsOf, organiserTokens(f))).map(([{ upload, queryFormat }, token], i) =>
    importCall(path, upload, i, token, queryFormat),
  );
  const rowsMatchReports: Check = async (replies) => {
    const reports = replies.filter(isOk).map((reply) => parsed<{ created: number; dryRun: boolean }>(reply));
    expect(reports.length).toBeGreaterThan(0);
    const created = reports.reduce((sum, report) => sum + (report.dryRun ? 0 : report.created), 0);
    expect({ table, added: (await count(t, table)) - before }).toEqual({ table, added: created });
  };
  await fuzz(http, name, calls, [rowsMatchReports, ...(await Promise.all(watches.map((watch) => watch(t))))]);
}

const rosterFiles = (columns: FileColumn[], xlsx: Buffer) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.tuple(tableText(columns), FILE_NAMES('csv')).map(([content, filename]) => ({ content, filename })) },
    { weight: 1, arbitrary: FILE_NAMES('xlsx').map((filename) => ({ content: xlsx, filename })) },
    { weight: 2, arbitrary: fc.tuple(damaged(xlsx), FILE_NAMES('xlsx')).map(([content, filename]) => ({ content, filename })) },
    { weight: 2, arbitrary: fc.tuple(randomFileBytes, fc.constantFrom('x.xlsx', 'x.csv', 'x.docx')).map(([content, filename]) => ({ content, filename })) },
    { weight: 1, arbitrary: fc.tuple(tableText(columns), OTHER_NAMES).map(([content, filename]) => ({ content, filename })) },
  );

export function fuzzUnitImport(t: TestApp, f: Fixture, http: HttpClient): Promise<void> {
  return runImport(
    t,
    f,
    http,
    'POST /api/units/import',
    '/api/units/import',
    uploads(rosterFiles(UNIT_FILE_COLUMNS(f), f.templates.unitsXlsx)).map((upload) => ({ upload })),
    'unit',
    [treeConsistent],
  );
}

export function fuzzParticipantImport(t: TestApp, f: Fixture, http: HttpClient): Promise<void> {
  return runImport(
    t,
    f,
    http,
    'POST /api/participants/import',
    '/api/participants/import',
    uploads(rosterFiles(PARTICIPANT_FILE_COLUMNS(f), f.templates.participantsXlsx)).map((upload) => ({ upload })),
    'participant',
  );
}

export function fuzzQuestionImport(t: TestApp, f: Fixture, http: HttpClient): Promise<void> {
  const files = fc.oneof(
    { weight: 6, arbitrary: fc.tuple(tableText(QUESTION_FILE_COLUMNS), FILE_NAMES('csv')).map(([content, filename]) => ({ content, filename })) },
    { weight: 3, arbitrary: editedText(AIKEN).map((content) => ({ content, filename: 'aiken.txt' })) },
    { weight: 3, arbitrary: editedText(GIFT).map((content) => ({ content, filename: 'cau-hoi.gift' })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom({ content: f.templates.docx, filename: 'de.docx' }, { content: f.templates.questionsXlsx, filename: 'q.xlsx' }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.oneof(damaged(f.templates.docx), damaged(f.templates.questionsXlsx)), fc.constantFrom('de.docx', 'q.xlsx'))
        .map(([content, filename]) => ({ content, filename })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(randomFileBytes, fc.constantFrom('x.docx', 'x.xlsx', 'x.gift', 'x.txt')).map(([content, filename]) => ({ content, filename })),
    },
    { weight: 1, arbitrary: fc.tuple(tableText(QUESTION_FILE_COLUMNS), OTHER_NAMES).map(([content, filename]) => ({ content, filename })) },
  );
  const formats = fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, fc.constantFrom('csv', 'xlsx', 'aiken', 'gift', 'docx', 'pdf', 'CSV', ''));
  return runImport(
    t,
    f,
    http,
    'POST /api/questions/import',
    '/api/questions/import',
    fc
      .tuple(uploads(files, formats), fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, fc.constantFrom('csv', 'gift', 'docx', 'txt')))
      .map(([upload, queryFormat]) => ({ upload, queryFormat })),
    'question',
  );
}
