import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../shared/busy';
import { CATEGORY_CODES, categoryName } from '../shared/categories';
import { count, percent } from '../shared/format';
import { Lang } from '../shared/i18n';
import { Note } from '../shared/ui';
import type { RaceView } from '../../contract/races';
import { Ctx, query } from './ctx';
import { Download } from './download';
import { ApiError } from '../shared/api';
import { t } from './words';
import type { BoardReply, GroupEntry } from '../../contract/boards';
import type { UnitView } from '../../contract/org';
import type { NonParticipantPage } from '../../contract/reports';
import './turnout.css';

type Board = Pick<BoardReply, 'total'> & { entries: GroupEntry[] };

/** The race to show first: one with an open round, else the newest. */
export function defaultRace(races: RaceView[]): number | null {
  const open = races.find((race) => race.rounds.some((round) => round.status === 'open'));
  return open?.id ?? races.reduce<number | null>((best, race) => (best === null || race.id > best ? race.id : best), null);
}

export function Turnout({ ctx }: { ctx: Ctx }) {
  const { lang } = ctx;
  const [races, setRaces] = useState<RaceView[]>([]);
  const [raceId, setRaceId] = useState<number | null>(null);
  const [categories, setCategories] = useState<GroupEntry[] | null>(null);
  const [units, setUnits] = useState<GroupEntry[] | null>(null);
  const [unitCategory, setUnitCategory] = useState<Record<number, string>>({});
  const [error, setError] = useState('');

  useEffect(() => {
    ctx.call<RaceView[]>('GET', '/api/races').then(
      (list) => {
        setRaces([...list].sort((a, b) => b.id - a.id));
        setRaceId(defaultRace(list));
      },
      (e) => setError(messageOf(e)),
    );
    ctx.call<Pick<UnitView, 'id' | 'category'>[]>('GET', '/api/units').then(
      (list) => setUnitCategory(Object.fromEntries(list.map((unit) => [unit.id, unit.category]))),
      () => undefined,
    );
  }, [ctx.session.token]);

  const load = () => {
    if (raceId === null) return;
    setError('');
    Promise.all([
      ctx.call<Board>('GET', `/api/leaderboards/categories${query({ race: raceId, limit: 50 })}`),
      ctx.call<Board>('GET', `/api/leaderboards/units${query({ race: raceId, limit: 500 })}`),
    ]).then(
      ([c, u]) => {
        setCategories(c.entries);
        setUnits(u.entries);
      },
      (e) => setError(messageOf(e)),
    );
  };
  useEffect(load, [raceId]);

  // Counted participants come from each category's capped rate, so the district line never passes 100% either.
  const total = (categories ?? []).reduce(
    (sum, entry) => ({
      participants: sum.participants + entry.participants,
      counted: sum.counted + Math.round(entry.participationRate * entry.headcount),
      headcount: sum.headcount + entry.headcount,
    }),
    { participants: 0, counted: 0, headcount: 0 },
  );
  const outdated = (units ?? []).filter((unit) => unit.headcountOutdated);
  const unitsWithCategory = (units ?? []).map((unit) => ({ ...unit, category: unit.category ?? unitCategory[Number(unit.id)] }));

  return (
    <div>
      <div class="spread">
        <h1>{t(lang, 'turnoutTitle')}</h1>
        <div class="row">
          <label for="turnout-race" class="inline">
            {t(lang, 'race')}
          </label>
          <select id="turnout-race" class="auto" value={raceId ?? ''} onChange={(e) => setRaceId(Number(e.currentTarget.value))}>
            {races.map((race) => (
              <option key={race.id} value={race.id}>
                {race.name}
              </option>
            ))}
          </select>
          <button type="button" class="secondary small" onClick={load}>
            {t(lang, 'refresh')}
          </button>
        </div>
      </div>
      <Note kind="error">{error}</Note>
      {races.length === 0 && !error && <p class="muted">{t(lang, 'noRaces')}</p>}
      {categories && units && raceId !== null && (
        <>
          <section class="card total">
            <p class="big">
              {t(lang, 'totalLine', {
                participants: count(total.participants, lang),
                headcount: count(total.headcount, lang),
                rate: percent(total.headcount ? total.counted / total.headcount : 0, lang),
              })}
            </p>
            {outdated.length > 0 && (
              <Note kind="warn">
                {t(lang, 'headcountOutdatedUnits', {
                  units: outdated.map((unit) => `${unit.name}: ${count(unit.participants, lang)}/${count(unit.headcount, lang)}`).join('; '),
                })}
              </Note>
            )}
            <div class="row">
              <span class="muted">{t(lang, 'reportDownload')}</span>
              <Download ctx={ctx} path={`/api/reports/participation.xlsx${query({ race: raceId })}`} label="Excel (.xlsx)" />
              <Download ctx={ctx} path={`/api/reports/participation.csv${query({ race: raceId })}`} label="CSV" />
            </div>
          </section>
          <section class="card">
            <h2>{t(lang, 'byCategory')}</h2>
            <BarChart lang={lang} entries={categories.map((entry) => ({ ...entry, name: categoryName(lang, entry.id, entry.name) }))} />
          </section>
          <section class="card">
            <h2>{t(lang, 'byUnit')}</h2>
            <BarChart lang={lang} entries={unitsWithCategory} tall />
          </section>
          <section class="card">
            <h2>{t(lang, 'unitTable')}</h2>
            <SortableTable lang={lang} entries={unitsWithCategory} />
          </section>
          <NonParticipants ctx={ctx} raceId={raceId} />
        </>
      )}
    </div>
  );
}

function BarChart({ lang, entries, tall }: { lang: Lang; entries: GroupEntry[]; tall?: boolean }) {
  if (!entries.length) return <p class="muted">{t(lang, 'noData')}</p>;
  const sorted = [...entries].sort((a, b) => b.participationRate - a.participationRate || a.name.localeCompare(b.name, 'vi'));
  return (
    <ul class={`chart ${tall ? 'tall' : ''}`}>
      {sorted.map((entry) => (
        <li key={entry.id}>
          <span class="chart-name">
            {entry.name}
            {entry.headcountOutdated && (
              <span class="warn-mark" title={t(lang, 'headcountOutdated')} aria-label={t(lang, 'headcountOutdated')}>
                {' '}
                ⚠
              </span>
            )}
          </span>
          <span class="chart-track" aria-hidden="true">
            <span class="chart-fill" style={{ width: `${Math.min(100, entry.participationRate * 100)}%` }} />
          </span>
          <span class="chart-value">
            {percent(entry.participationRate, lang)}{' '}
            <span class="muted">
              ({count(entry.participants, lang)}/{count(entry.headcount, lang)})
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

type SortKey = 'rank' | 'name' | 'category' | 'participants' | 'headcount' | 'participationRate' | 'averageScore' | 'perHeadScore' | 'totalScore';

function SortableTable({ lang, entries }: { lang: Lang; entries: GroupEntry[] }) {
  const [key, setKey] = useState<SortKey>('rank');
  const [up, setUp] = useState(true);
  const [filter, setFilter] = useState('');

  const columns: Array<{ key: SortKey; label: string; num?: boolean }> = [
    { key: 'rank', label: t(lang, 'colRank'), num: true },
    { key: 'name', label: t(lang, 'colUnit') },
    { key: 'category', label: t(lang, 'colCategory') },
    { key: 'participants', label: t(lang, 'colParticipants'), num: true },
    { key: 'headcount', label: t(lang, 'colHeadcount'), num: true },
    { key: 'participationRate', label: t(lang, 'colRate'), num: true },
    { key: 'averageScore', label: t(lang, 'colAverage'), num: true },
    { key: 'perHeadScore', label: t(lang, 'colPerHead'), num: true },
    { key: 'totalScore', label: t(lang, 'colTotal'), num: true },
  ];
  const shown = entries
    .filter((entry) => !filter || entry.category === filter)
    .sort((a, b) => {
      const x = key === 'category' ? categoryName(lang, a.category ?? '', '') : a[key];
      const y = key === 'category' ? categoryName(lang, b.category ?? '', '') : b[key];
      const order = typeof x === 'string' || typeof y === 'string' ? String(x ?? '').localeCompare(String(y ?? ''), 'vi') : Number(x) - Number(y);
      return up ? order : -order;
    });
  const sortBy = (next: SortKey) => {
    if (next === key) setUp(!up);
    else {
      setKey(next);
      setUp(next === 'rank' || next === 'name' || next === 'category');
    }
  };

  return (
    <>
      <div class="row">
        <label for="unit-filter" class="inline">
          {t(lang, 'colCategory')}
        </label>
        <select id="unit-filter" class="auto" value={filter} onChange={(e) => setFilter(e.currentTarget.value)}>
          <option value="">{t(lang, 'allCategories')}</option>
          {CATEGORY_CODES.map((id) => (
            <option key={id} value={id}>
              {categoryName(lang, id, id)}
            </option>
          ))}
        </select>
      </div>
      <div class="scroll limited">
        <table class="sortable">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key} scope="col" class={column.num ? 'num' : ''} aria-sort={key === column.key ? (up ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" class="sort" onClick={() => sortBy(column.key)}>
                    {column.label}
                    <span aria-hidden="true">{key === column.key ? (up ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((entry) => (
              <tr key={entry.id}>
                <td class="num">{entry.rank}</td>
                <td>{entry.name}</td>
                <td>{entry.category ? categoryName(lang, entry.category, entry.category) : '—'}</td>
                <td class="num">{count(entry.participants, lang)}</td>
                <td class="num">
                  {count(entry.headcount, lang)}
                  {entry.headcountOutdated && (
                    <span class="warn-mark" title={t(lang, 'headcountOutdated')} aria-label={t(lang, 'headcountOutdated')}>
                      {' '}
                      ⚠
                    </span>
                  )}
                </td>
                <td class="num">{percent(entry.participationRate, lang)}</td>
                <td class="num">{count(entry.averageScore, lang)}</td>
                <td class="num">{count(entry.perHeadScore, lang)}</td>
                <td class="num">{count(entry.totalScore, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const PAGE = 100;

/** Who has not played yet: GET /api/reports/non-participants (a note instead while the server lacks it). */
function NonParticipants({ ctx, raceId }: { ctx: Ctx; raceId: number }) {
  const { lang } = ctx;
  const [page, setPage] = useState<NonParticipantPage | null>(null);
  const [offset, setOffset] = useState(0);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => setOffset(0), [raceId]);
  useEffect(() => {
    setError('');
    ctx.call<NonParticipantPage>('GET', `/api/reports/non-participants${query({ race: raceId, limit: PAGE, offset })}`).then(
      (reply) => {
        setMissing(false);
        setPage(reply);
      },
      (e) => {
        if (e instanceof ApiError && e.status === 404 && !e.body.code) setMissing(true);
        else setError(messageOf(e));
      },
    );
  }, [raceId, offset]);

  return (
    <section class="card">
      <h2>{t(lang, 'nonParticipants')}</h2>
      {missing ? (
        <Note kind="warn">{t(lang, 'nonParticipantsSoon')}</Note>
      ) : (
        <>
          <Note kind="error">{error}</Note>
          {page && (
            <>
              <div class="spread">
                <p>{t(lang, 'nonParticipantsTotal', { count: count(page.total, lang) })}</p>
                <div class="row">
                  <Download ctx={ctx} path={`/api/reports/non-participants.xlsx${query({ race: raceId })}`} label="Excel (.xlsx)" />
                  <Download ctx={ctx} path={`/api/reports/non-participants.csv${query({ race: raceId })}`} label="CSV" />
                </div>
              </div>
              {page.items.length > 0 && (
                <div class="scroll limited">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t(lang, 'colStaffCode')}</th>
                        <th scope="col">{t(lang, 'colFullName')}</th>
                        <th scope="col">{t(lang, 'colUnit')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {page.items.map((person) => (
                        <tr key={person.id}>
                          <td>{person.staffCode}</td>
                          <td>{person.fullName}</td>
                          <td>{person.unitName}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <Pager lang={lang} offset={offset} size={PAGE} total={page.total} onMove={setOffset} />
            </>
          )}
        </>
      )}
    </section>
  );
}

export function Pager({ lang, offset, size, total, onMove }: { lang: Lang; offset: number; size: number; total: number; onMove: (offset: number) => void }) {
  if (total <= size) return null;
  return (
    <div class="row pager">
      <button type="button" class="secondary small" disabled={offset === 0} onClick={() => onMove(Math.max(0, offset - size))}>
        {t(lang, 'previous')}
      </button>
      <span>{t(lang, 'pageRange', { from: count(offset + 1, lang), to: count(Math.min(total, offset + size), lang), total: count(total, lang) })}</span>
      <button type="button" class="secondary small" disabled={offset + size >= total} onClick={() => onMove(offset + size)}>
        {t(lang, 'next')}
      </button>
    </div>
  );
}
