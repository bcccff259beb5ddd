import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../shared/busy';
import { count, dateTime } from '../shared/format';
import { Lang } from '../shared/i18n';
import { Note } from '../shared/ui';
import './audit.css';
import { ACTION_WORDS, AUDIT_NOUNS } from './audit-words';
import { Ctx, UnitOption, query, unitTree } from './ctx';
import { Download } from './download';
import { Pager } from './turnout';
import { t } from './words';
import type { AuditItem, AuditPage } from '../../contract/audit';

interface Filters {
  action: string;
  unitId: string;
  from: string;
  to: string;
}

const PAGE = 50;
const NO_FILTERS: Filters = { action: '', unitId: '', from: '', to: '' };
const FAMILIES = Object.keys(ACTION_WORDS).filter((key) => key.endsWith('.'));
const ACTIONS = Object.keys(ACTION_WORDS).filter((key) => !key.endsWith('.'));

const word = (lang: Lang, words: Record<string, [string, string]>, key: string) => words[key]?.[lang === 'vi' ? 0 : 1];
export const actionName = (lang: Lang, action: string) => word(lang, ACTION_WORDS, action) ?? action;

/** The query the API reads: dates alone are whole days in Vietnam's time, as the server takes them. */
const asQuery = (filters: Filters) => ({ action: filters.action, unitId: filters.unitId, from: filters.from, to: filters.to });

/** A value as a short text: `—` for nothing, instants in Vietnam's time, lists and objects compact. */
function shown(lang: Lang, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? dateTime(value, lang) : value;
  if (typeof value === 'number') return count(value, lang);
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** Fields that hold a unit's id: shown by the unit's name when the organiser can see it. */
const UNIT_FIELDS = new Set(['unitId', 'parentId']);

/** `field: before → after` for each field either side names (a new thing's empty fields left out). */
function Changes({ lang, item, unitName }: { lang: Lang; item: AuditItem; unitName: (id: number) => string | undefined }) {
  const show = (key: string, value: unknown) => (UNIT_FIELDS.has(key) && typeof value === 'number' ? (unitName(value) ?? `#${value}`) : shown(lang, value));
  const keys = [...new Set([...Object.keys(item.before ?? {}), ...Object.keys(item.after ?? {})])].filter(
    (key) => (item.before && key in item.before) || item.after![key] !== null,
  );
  if (!keys.length) return <span class="muted">—</span>;
  return (
    <ul class="changes">
      {keys.map((key) => {
        const had = !!item.before && key in item.before;
        const has = !!item.after && key in item.after;
        return (
          <li key={key}>
            <span class="muted">{word(lang, AUDIT_NOUNS, key) ?? key}:</span> {had && <span class="was">{show(key, item.before![key])}</span>}
            {had && has && ' → '}
            {has && <span class="now">{show(key, item.after![key])}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/** The audit log: who changed what and when, newest first, with filters, pages and a CSV download. */
export function Audit({ ctx }: { ctx: Ctx }) {
  const { lang } = ctx;
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [units, setUnits] = useState<UnitOption[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    // The units the organiser manages (the API lists only those).
    ctx.call<UnitOption[]>('GET', '/api/units').then(setUnits, () => undefined);
  }, [ctx.session.token]);

  const load = () => {
    setError('');
    ctx.call<AuditPage>('GET', `/api/audit${query({ ...asQuery(filters), limit: PAGE, offset })}`).then(setPage, (e) => {
      setPage(null);
      setError(messageOf(e));
    });
  };
  useEffect(load, [filters, offset, ctx.session.token]);

  const apply = (event: Event) => {
    event.preventDefault();
    setOffset(0);
    setFilters({ ...draft });
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setOffset(0);
    setFilters(NO_FILTERS);
  };
  const set = (key: keyof Filters) => (event: Event) => setDraft({ ...draft, [key]: (event.currentTarget as HTMLInputElement).value });

  const actor = (item: AuditItem) =>
    item.actor.kind === 'system'
      ? t(lang, 'actorSystem')
      : `${item.actor.name ?? `#${item.actor.id}`}${item.actor.kind === 'organiser' ? '' : ` (${word(lang, AUDIT_NOUNS, item.actor.kind) ?? item.actor.kind})`}`;

  return (
    <div>
      <div class="spread">
        <h1>{t(lang, 'auditTitle')}</h1>
        <div class="row">
          <Download ctx={ctx} path={`/api/audit.csv${query(asQuery(filters))}`} label={t(lang, 'csv')} />
          <button type="button" class="secondary small" onClick={load}>
            {t(lang, 'refresh')}
          </button>
        </div>
      </div>
      <p class="muted">{t(lang, 'auditLead')}</p>
      <form class="card audit-filters" aria-label={t(lang, 'auditFilters')} onSubmit={apply}>
        <div>
          <label for="audit-action">{t(lang, 'auditAction')}</label>
          <select id="audit-action" value={draft.action} onChange={set('action')}>
            <option value="">{t(lang, 'auditAnyAction')}</option>
            <optgroup label={t(lang, 'auditFamilies')}>
              {FAMILIES.map((key) => (
                <option key={key} value={key}>
                  {actionName(lang, key)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t(lang, 'auditActions')}>
              {ACTIONS.map((key) => (
                <option key={key} value={key}>
                  {actionName(lang, key)}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <div>
          <label for="audit-unit">{t(lang, 'auditUnit')}</label>
          <select id="audit-unit" value={draft.unitId} onChange={set('unitId')}>
            <option value="">{t(lang, 'auditAnyUnit')}</option>
            {unitTree(units).map(({ unit, depth }) => (
              <option key={unit.id} value={String(unit.id)}>
                {'\u00a0\u00a0'.repeat(depth)}
                {unit.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="audit-from">{t(lang, 'auditFrom')}</label>
          <input id="audit-from" type="date" value={draft.from} max={draft.to || undefined} onInput={set('from')} />
        </div>
        <div>
          <label for="audit-to">{t(lang, 'auditTo')}</label>
          <input id="audit-to" type="date" value={draft.to} min={draft.from || undefined} onInput={set('to')} />
        </div>
        <div class="buttons">
          <button type="submit" class="small">
            {t(lang, 'auditApply')}
          </button>
          <button type="button" class="small secondary" onClick={clear}>
            {t(lang, 'auditClear')}
          </button>
        </div>
      </form>
      <Note kind="error">{error}</Note>
      {page && (
        <section class="card" aria-live="polite">
          <p class="muted small-text">
            {t(lang, 'auditCount', { total: count(page.total, lang) })} · {t(lang, 'vietnamTime')}
          </p>
          {page.items.length === 0 ? (
            <p class="muted">{t(lang, 'auditEmpty')}</p>
          ) : (
            <div class="scroll">
              <table class="audit">
                <caption class="sr-only">{t(lang, 'auditCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'colWhen')}</th>
                    <th scope="col">{t(lang, 'colWho')}</th>
                    <th scope="col">{t(lang, 'colAction')}</th>
                    <th scope="col">{t(lang, 'colTarget')}</th>
                    <th scope="col">{t(lang, 'colChange')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((item) => {
                    const request = t(lang, 'auditRequest', { id: item.requestId ?? '—', address: item.address ?? '—' });
                    return (
                      <tr key={item.id} data-action={item.action} data-request-id={item.requestId ?? ''}>
                        <td class="when" data-label={t(lang, 'colWhen')} title={request}>
                          {dateTime(item.at, lang)}
                          <span class="sr-only"> · {request}</span>
                        </td>
                        <td data-label={t(lang, 'colWho')}>{actor(item)}</td>
                        <td data-label={t(lang, 'colAction')}>
                          {actionName(lang, item.action)}
                          <div class="code">{item.action}</div>
                        </td>
                        <td data-label={t(lang, 'colTarget')}>
                          {word(lang, AUDIT_NOUNS, item.target.kind) ?? item.target.kind}
                          {item.target.name ? `: ${item.target.name}` : ''}
                          {item.target.id !== null && <span class="code"> #{item.target.id}</span>}
                        </td>
                        <td class="change-col" data-label={t(lang, 'colChange')}>
                          <Changes lang={lang} item={item} unitName={(id) => units.find((unit) => unit.id === id)?.name} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pager lang={lang} offset={offset} size={PAGE} total={page.total} onMove={setOffset} />
        </section>
      )}
    </div>
  );
}
