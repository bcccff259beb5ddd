import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf, problemsOf } from '../shared/busy';
import { dateTime } from '../shared/format';
import { Note } from '../shared/ui';
import { Ctx, UnitOption } from './ctx';
import { Problems, SaveOrCancel } from './forms';
import { NewOrganiser, UnitSelect } from './new-organiser';
import { passwordProblems } from './passwords';
import { t } from './words';
import type { OrganiserView } from '../../contract/auth';

/** What a row has open under it: one inline form, or a confirm step, at a time. */
type Open = { id: number; what: 'password' | 'unit' | 'toggle' } | null;

/** The admin's list of organiser accounts: disable or enable, set a password, change the unit; and a form for a new one. */
export function Organisers({ ctx, myId }: { ctx: Ctx; myId: number }) {
  const { lang } = ctx;
  const [list, setList] = useState<OrganiserView[] | null>(null);
  const [units, setUnits] = useState<UnitOption[]>([]);
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const load = () =>
    ctx.call<OrganiserView[]>('GET', '/api/organisers').then(
      (reply) => {
        setList(reply);
        setError('');
      },
      (e) => setError(messageOf(e)),
    );
  useEffect(() => {
    void load();
    // Merged units too, to name an organiser whose unit was merged away; the choices leave them out (unitTree).
    ctx.call<UnitOption[]>('GET', '/api/units?includeMerged=true').then(setUnits, () => undefined);
  }, [ctx.session.token]);

  const unitName = (id: number | null) => (id === null ? t(lang, 'wholeDistrict') : (units.find((unit) => unit.id === id)?.name ?? `#${id}`));

  /** One PATCH; on success the list reloads and `message` is shown. */
  const patch = async (organiser: OrganiserView, body: Record<string, unknown>, message: string): Promise<string[]> => {
    setBusy(true);
    setError('');
    setDone('');
    try {
      await ctx.call('PATCH', `/api/organisers/${organiser.id}`, body);
      setOpen(null);
      setDone(message);
      await load();
      return [];
    } catch (e) {
      return problemsOf(e);
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (organiser: OrganiserView) => {
    const problems = await patch(
      organiser,
      { active: !organiser.active },
      t(lang, organiser.active ? 'disabledDone' : 'enabledDone', { name: organiser.username }),
    );
    if (problems.length) {
      setOpen(null);
      setError(`${organiser.username}: ${problems.join('; ')}`);
    }
  };

  return (
    <>
      <section class="card" aria-labelledby="organisers-title">
        <h2 id="organisers-title">{t(lang, 'organisersTitle')}</h2>
        <Note kind="error">{error}</Note>
        <Note kind="good">{done}</Note>
        {list?.length === 0 && <p class="muted">{t(lang, 'noOrganisers')}</p>}
        {!!list?.length && (
          <div class="scroll">
            <table class="organisers">
              <caption class="sr-only">{t(lang, 'organisersCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'colUsername')}</th>
                  <th scope="col">{t(lang, 'colRole')}</th>
                  <th scope="col">{t(lang, 'colUnit')}</th>
                  <th scope="col">{t(lang, 'colStatus')}</th>
                  <th scope="col">{t(lang, 'actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list?.map((organiser) => {
                  const name = organiser.username;
                  const opened = open?.id === organiser.id ? open.what : null;
                  const choose = (what: 'password' | 'unit' | 'toggle') => setOpen(opened === what ? null : { id: organiser.id, what });
                  return [
                    <tr key={organiser.id} data-organiser={name} class={organiser.active ? '' : 'inactive'}>
                      <td>
                        <strong>{name}</strong> {organiser.id === myId && <span class="muted">{t(lang, 'you')}</span>}
                        <div class="muted small-text">{t(lang, 'createdAt', { when: dateTime(organiser.createdAt, lang) })}</div>
                      </td>
                      <td>{t(lang, organiser.role === 'admin' ? 'roleAdmin' : 'roleOrganiser')}</td>
                      <td>{organiser.role === 'admin' ? '—' : unitName(organiser.unitId)}</td>
                      <td>
                        <span class={`badge ${organiser.active ? 'open' : 'closed'}`}>{t(lang, organiser.active ? 'active' : 'disabled')}</span>
                      </td>
                      <td>
                        {opened === 'toggle' ? (
                          <span class="confirm row" role="group" aria-label={t(lang, organiser.active ? 'disableAsk' : 'enableAsk', { name })}>
                            <span>{t(lang, organiser.active ? 'disableAsk' : 'enableAsk', { name })}</span>
                            <button
                              type="button"
                              class={`small ${organiser.active ? 'danger' : ''}`}
                              disabled={busy}
                              onClick={() => toggle(organiser)}
                              ref={(el) => el?.focus()}
                            >
                              {t(lang, organiser.active ? 'disableConfirm' : 'enableConfirm')}
                            </button>
                            <button type="button" class="small secondary" onClick={() => setOpen(null)}>
                              {t(lang, 'cancel')}
                            </button>
                          </span>
                        ) : (
                          <div class="row actions">
                            {organiser.id !== myId && (
                              <button type="button" class="small secondary" aria-expanded={opened === 'password'} onClick={() => choose('password')}>
                                {t(lang, 'setPassword')}
                              </button>
                            )}
                            {organiser.role === 'organiser' && (
                              <button type="button" class="small secondary" aria-expanded={opened === 'unit'} onClick={() => choose('unit')}>
                                {t(lang, 'changeUnit')}
                              </button>
                            )}
                            {/* Disabling oneself would end this very session: the sign-out card does that. */}
                            {organiser.id !== myId && (
                              <button type="button" class={`small ${organiser.active ? 'danger' : ''}`} onClick={() => choose('toggle')}>
                                {t(lang, organiser.active ? 'disable' : 'enable')}
                              </button>
                            )}
                          </div>
                        )}
                      </td>
                    </tr>,
                    (opened === 'password' || opened === 'unit') && (
                      <tr key={`${organiser.id}-form`} class="inline-form">
                        <td colSpan={5}>
                          {opened === 'password' ? (
                            <SetPassword
                              ctx={ctx}
                              organiser={organiser}
                              busy={busy}
                              onSave={(password) => patch(organiser, { password }, t(lang, 'passwordSet', { name }))}
                              onCancel={() => setOpen(null)}
                            />
                          ) : (
                            <ChangeUnit
                              ctx={ctx}
                              organiser={organiser}
                              units={units}
                              busy={busy}
                              onSave={(unitId) => patch(organiser, { unitId }, t(lang, 'unitChanged', { name }))}
                              onCancel={() => setOpen(null)}
                            />
                          )}
                        </td>
                      </tr>
                    ),
                  ];
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <NewOrganiser ctx={ctx} units={units} onCreated={(name) => load().then(() => setDone(t(lang, 'organiserCreated', { name })))} />
    </>
  );
}

interface RowFormProps<T> {
  ctx: Ctx;
  organiser: OrganiserView;
  busy: boolean;
  onSave: (value: T) => Promise<string[]>;
  onCancel: () => void;
}

function SetPassword({ ctx, organiser, busy, onSave, onCancel }: RowFormProps<string>) {
  const { lang } = ctx;
  const id = (name: string) => `organiser-${organiser.id}-${name}`;
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (event: Event) => {
    event.preventDefault();
    const local = passwordProblems(lang, password, repeat);
    setProblems(local.length ? local : await onSave(password));
  };
  return (
    <form onSubmit={submit} aria-labelledby={id('password-title')}>
      <h3 id={id('password-title')}>{t(lang, 'setPasswordFor', { name: organiser.username })}</h3>
      <div class="row fields">
        <div>
          <label for={id('password')}>{t(lang, 'newPassword')}</label>
          <input
            id={id('password')}
            type="password"
            autoComplete="new-password"
            required
            aria-describedby={id('password-rule')}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            ref={first}
          />
        </div>
        <div>
          <label for={id('repeat')}>{t(lang, 'repeatPassword')}</label>
          <input id={id('repeat')} type="password" autoComplete="new-password" required value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />
        </div>
        <div class="row">
          <SaveOrCancel lang={lang} busy={busy} onCancel={onCancel} />
        </div>
      </div>
      <p class="muted small-text" id={id('password-rule')}>
        {t(lang, 'passwordRule')}
      </p>
      <Problems list={problems} />
    </form>
  );
}

function ChangeUnit({ ctx, organiser, units, busy, onSave, onCancel }: RowFormProps<number | null> & { units: UnitOption[] }) {
  const { lang } = ctx;
  const id = `organiser-${organiser.id}-unit`;
  const [unitId, setUnitId] = useState(organiser.unitId === null ? '' : String(organiser.unitId));
  const [problems, setProblems] = useState<string[]>([]);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => select.current?.focus(), []);
  const submit = async (event: Event) => {
    event.preventDefault();
    setProblems(await onSave(unitId ? Number(unitId) : null));
  };
  return (
    <form onSubmit={submit}>
      <div class="row fields">
        <div class="grow">
          <label for={id}>{t(lang, 'unitFor', { name: organiser.username })}</label>
          <UnitSelect lang={lang} id={id} units={units} value={unitId} onChange={setUnitId} selectRef={select} />
        </div>
        <div class="row">
          <SaveOrCancel lang={lang} busy={busy} onCancel={onCancel} />
        </div>
      </div>
      <Problems list={problems} />
    </form>
  );
}
