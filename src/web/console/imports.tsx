import { useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { problemsOf, useBusy } from '../shared/busy';
import { count } from '../shared/format';
import { Note } from '../shared/ui';
import { Ctx } from './ctx';
import { t } from './words';
import type { PlacedProblem } from '../../contract/errors';
import type { ImportReport } from '../../contract/org';
import type { QuestionImportReport } from '../../contract/questions';
import './imports.css';

type Kind = 'units' | 'participants' | 'questions';
type Format = 'csv' | 'xlsx' | 'aiken' | 'gift' | 'docx';

/** A roster import's reply (with `updated`) or a question import's (with `skipped`). */
type Report = Pick<ImportReport, 'dryRun' | 'created'> & Partial<Pick<ImportReport, 'updated'> & Pick<QuestionImportReport, 'skipped'>>;

const PATHS: Record<Kind, string> = { units: '/api/units/import', participants: '/api/participants/import', questions: '/api/questions/import' };
const FORMATS: Format[] = ['csv', 'xlsx', 'aiken', 'gift', 'docx'];
const BY_EXTENSION: Record<string, Format> = { csv: 'csv', xlsx: 'xlsx', txt: 'aiken', gift: 'gift', docx: 'docx' };

export function Imports({ ctx }: { ctx: Ctx }) {
  const { lang } = ctx;
  return (
    <div>
      <h1>{t(lang, 'importsTitle')}</h1>
      <p class="muted">{t(lang, 'importsLead')}</p>
      <div class="imports">
        <ImportPanel ctx={ctx} kind="units" />
        <ImportPanel ctx={ctx} kind="participants" />
        <ImportPanel ctx={ctx} kind="questions" />
      </div>
    </div>
  );
}

function ImportPanel({ ctx, kind }: { ctx: Ctx; kind: Kind }) {
  const { lang } = ctx;
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('csv');
  const [report, setReport] = useState<Report | null>(null);
  /** The file's bad rows, from a 422. */
  const [problems, setProblems] = useState<PlacedProblem[]>([]);
  const { busy, error, run, setProblems: setErrors } = useBusy();
  const id = (name: string) => `import-${kind}-${name}`;

  const pick = (chosen: File | null) => {
    setFile(chosen);
    setReport(null);
    setProblems([]);
    setErrors([]);
    const extension = chosen?.name.toLowerCase().split('.').pop() ?? '';
    if (kind === 'questions' && BY_EXTENSION[extension]) setFormat(BY_EXTENSION[extension]);
  };

  const send = (dryRun: boolean) => {
    if (!file) {
      setErrors([t(lang, 'chooseFileFirst')]);
      return;
    }
    setReport(null);
    setProblems([]);
    const form = new FormData();
    if (kind === 'questions') form.append('format', format);
    form.append('file', file, file.name);
    void run(
      async () => {
        const reply = await ctx.call<Report>('POST', `${PATHS[kind]}${dryRun ? '?dryRun=true' : ''}`, form);
        setReport({ ...reply, dryRun });
      },
      (e) => {
        if (!(e instanceof ApiError && e.status === 422 && e.body.errors?.length)) return problemsOf(e);
        setProblems(e.body.errors);
        return [e.message];
      },
    );
  };

  const usesLines = problems.some((problem) => problem.line !== undefined && problem.row === undefined);
  return (
    <section class="card" aria-labelledby={id('title')}>
      <h2 id={id('title')}>{t(lang, kind === 'units' ? 'importUnits' : kind === 'participants' ? 'importParticipants' : 'importQuestions')}</h2>
      <Help kind={kind} ctx={ctx} />
      <label for={id('file')}>{t(lang, 'file')}</label>
      <input
        id={id('file')}
        type="file"
        accept={kind === 'questions' ? '.csv,.xlsx,.txt,.gift,.docx' : '.csv,.xlsx'}
        onChange={(e) => pick(e.currentTarget.files?.[0] ?? null)}
      />
      {kind === 'questions' && (
        <>
          <label for={id('format')}>{t(lang, 'format')}</label>
          <select id={id('format')} value={format} onChange={(e) => setFormat(e.currentTarget.value as Format)}>
            {FORMATS.map((name) => (
              <option key={name} value={name}>
                {t(lang, `format_${name}` as const)}
              </option>
            ))}
          </select>
        </>
      )}
      <div class="row buttons">
        <button type="button" class="secondary" disabled={busy} onClick={() => send(true)}>
          {t(lang, 'preview')}
        </button>
        <button type="button" disabled={busy} onClick={() => send(false)}>
          {t(lang, 'doImport')}
        </button>
        {busy && <span class="muted">{t(lang, 'working')}</span>}
      </div>
      {report && (
        <Note kind="good">
          <strong>{t(lang, report.dryRun ? 'previewResult' : 'importResult')}</strong>{' '}
          {report.updated === undefined
            ? t(lang, 'importCreated', { created: count(report.created, lang) })
            : t(lang, 'importCounts', { created: count(report.created, lang), updated: count(report.updated, lang) })}
          {report.skipped !== undefined && ` ${t(lang, 'importSkipped', { skipped: count(report.skipped, lang) })}`}
          {report.dryRun && ` ${t(lang, 'nothingWritten')}`}
        </Note>
      )}
      <Note kind="error">{error}</Note>
      {problems.length > 0 && (
        <div class="scroll limited">
          <table>
            <caption class="sr-only">{t(lang, 'problemsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {usesLines ? t(lang, 'colLine') : t(lang, 'colRow')}
                </th>
                <th scope="col">{t(lang, 'colField')}</th>
                <th scope="col">{t(lang, 'colProblem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((problem, i) => (
                <tr key={i}>
                  <td class="num">{problem.row ?? problem.line ?? '—'}</td>
                  <td>{problem.field ?? '—'}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Help({ ctx, kind }: { ctx: Ctx; kind: Kind }) {
  const { lang } = ctx;
  if (kind !== 'questions') return <p class="help small-text">{t(lang, kind === 'units' ? 'unitsHelp' : 'participantsHelp')}</p>;
  return (
    <ul class="help small-text">
      <li>{t(lang, 'questionsHelpCsv')}</li>
      <li>{t(lang, 'questionsHelpAiken')}</li>
      <li>{t(lang, 'questionsHelpGift', { T: '{T}', F: '{F}' })}</li>
      <li>{t(lang, 'questionsHelpDocx')}</li>
    </ul>
  );
}
