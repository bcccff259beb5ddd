import { useState } from 'preact/hooks';
import { useBusy } from '../shared/busy';
import { Lang } from '../shared/i18n';
import { Ctx, UnitOption, unitTree } from './ctx';
import { Problems } from './forms';
import { passwordProblems } from './passwords';
import { t } from './words';

/** The server's rule for usernames. */
const USERNAME = /^[a-z0-9._-]{3,50}$/;

/** The whole district ('') or one unit, in tree order. */
export function UnitSelect(props: {
  lang: Lang;
  id: string;
  units: UnitOption[];
  value: string;
  onChange: (value: string) => void;
  selectRef?: { current: HTMLSelectElement | null };
  describedBy?: string;
}) {
  return (
    <select
      id={props.id}
      value={props.value}
      aria-describedby={props.describedBy}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      ref={props.selectRef}
    >
      <option value="">{t(props.lang, 'wholeDistrict')}</option>
      {unitTree(props.units).map(({ unit, depth }) => (
        <option key={unit.id} value={String(unit.id)}>
          {'\u00a0\u00a0'.repeat(depth)}
          {unit.name}
        </option>
      ))}
    </select>
  );
}

/** The admin's form for a new organiser account (or another admin). */
export function NewOrganiser({ ctx, units, onCreated }: { ctx: Ctx; units: UnitOption[]; onCreated: (username: string) => void }) {
  const { lang } = ctx;
  const [formOpen, setFormOpen] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [role, setRole] = useState<'organiser' | 'admin'>('organiser');
  const [unitId, setUnitId] = useState('');
  const { busy, problems, run, setProblems } = useBusy();

  const submit = (event: Event) => {
    event.preventDefault();
    const name = username.trim().toLowerCase();
    const local = [...(USERNAME.test(name) ? [] : [t(lang, 'usernameBad')]), ...passwordProblems(lang, password, repeat)];
    setProblems(local);
    if (local.length) return;
    void run(async () => {
      await ctx.call('POST', '/api/organisers', { username: name, password, role, ...(role === 'organiser' && unitId ? { unitId: Number(unitId) } : {}) });
      setUsername('');
      setPassword('');
      setRepeat('');
      setUnitId('');
      setFormOpen(false);
      onCreated(name);
    });
  };

  return (
    <section class="card" aria-labelledby="new-organiser-title">
      <div class="spread">
        <h2 id="new-organiser-title">{t(lang, 'newOrganiser')}</h2>
        <button type="button" class="secondary small" aria-expanded={formOpen} onClick={() => setFormOpen(!formOpen)}>
          {formOpen ? t(lang, 'hideForm') : t(lang, 'createOrganiser')}
        </button>
      </div>
      {formOpen && (
        <form onSubmit={submit}>
          <div class="grid3">
            <div>
              <label for="organiser-username">{t(lang, 'username')}</label>
              <input
                id="organiser-username"
                autoComplete="off"
                autoCapitalize="none"
                spellcheck={false}
                required
                maxLength={50}
                aria-describedby="organiser-username-rule"
                value={username}
                onInput={(e) => setUsername(e.currentTarget.value)}
              />
              <p class="muted small-text field-help" id="organiser-username-rule">
                {t(lang, 'usernameRule')}
              </p>
            </div>
            <div>
              <label for="organiser-password">{t(lang, 'password')}</label>
              <input
                id="organiser-password"
                type="password"
                autoComplete="new-password"
                required
                aria-describedby="organiser-password-rule"
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
              <p class="muted small-text field-help" id="organiser-password-rule">
                {t(lang, 'passwordRule')}
              </p>
            </div>
            <div>
              <label for="organiser-repeat">{t(lang, 'repeatNewAccountPassword')}</label>
              <input
                id="organiser-repeat"
                type="password"
                autoComplete="new-password"
                required
                value={repeat}
                onInput={(e) => setRepeat(e.currentTarget.value)}
              />
            </div>
            <div>
              <label for="organiser-role">{t(lang, 'role')}</label>
              <select id="organiser-role" value={role} onChange={(e) => setRole(e.currentTarget.value as 'organiser' | 'admin')}>
                <option value="organiser">{t(lang, 'roleOrganiser')}</option>
                <option value="admin">{t(lang, 'roleAdmin')}</option>
              </select>
            </div>
            {role === 'organiser' && (
              <div>
                <label for="organiser-unit">{t(lang, 'organiserUnit')}</label>
                <UnitSelect lang={lang} id="organiser-unit" units={units} value={unitId} onChange={setUnitId} describedBy="organiser-unit-help" />
                <p class="muted small-text field-help" id="organiser-unit-help">
                  {t(lang, 'organiserUnitHelp')}
                </p>
              </div>
            )}
          </div>
          <Problems list={problems} />
          <p>
            <button type="submit" disabled={busy}>
              {busy ? t(lang, 'working') : t(lang, 'createOrganiser')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
