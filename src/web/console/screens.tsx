import { useEffect, useState } from 'preact/hooks';
import { messageOf, useBusy } from '../shared/busy';
import { dateTime } from '../shared/format';
import { Note } from '../shared/ui';
import type { RaceView } from '../../contract/races';
import { Ctx } from './ctx';
import { Problems } from './forms';
import { t } from './words';
import type { NewScreenToken, QrLink, ScreenTokenView } from '../../contract/auth';
import './screens.css';

/** How long a new screen token works, in days; 0 for until revoked. */
const EXPIRY_DAYS = [0, 1, 7, 30] as const;

export function Screens({ ctx }: { ctx: Ctx }) {
  const { lang } = ctx;
  const [list, setList] = useState<ScreenTokenView[] | null>(null);
  /** Tokens are shown once, when made: the server keeps no copy to show again. */
  const [fresh, setFresh] = useState<Record<number, Made>>({});
  const [label, setLabel] = useState('');
  const [races, setRaces] = useState<RaceView[]>([]);
  const [raceId, setRaceId] = useState('');
  const [days, setDays] = useState('0');
  const { busy, problems, run } = useBusy();
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);

  const load = () =>
    ctx.call<ScreenTokenView[]>('GET', '/api/screen-tokens').then(
      (reply) => {
        setList(reply);
        setError('');
      },
      (e) => setError(messageOf(e)),
    );
  useEffect(() => {
    void load();
    ctx.call<RaceView[]>('GET', '/api/races').then(setRaces, () => undefined);
  }, [ctx.session.token]);

  const create = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const expiresAt = Number(days) ? new Date(Date.now() + Number(days) * 24 * 3600_000).toISOString() : undefined;
      const made = await ctx.call<NewScreenToken>('POST', '/api/screen-tokens', {
        label: label.trim(),
        ...(raceId ? { raceId: Number(raceId) } : {}),
        ...(expiresAt ? { expiresAt } : {}),
      });
      setFresh({ ...fresh, [made.id]: made });
      setLabel('');
      await load();
    });
  };

  const raceName = (id: number) => {
    const race = races.find((r) => r.id === id);
    if (!race) return t(lang, 'raceGone', { id });
    return race.unitName ? `${race.name} · ${race.unitName}` : race.name;
  };

  const revoke = async (id: number) => {
    setError('');
    try {
      await ctx.call('DELETE', `/api/screen-tokens/${id}`);
      setConfirming(null);
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <div>
      <h1>{t(lang, 'screensTitle')}</h1>
      <div class="two">
        <div>
          <section class="card">
            <h2>{t(lang, 'newScreen')}</h2>
            <form onSubmit={create}>
              <label for="screen-race">{t(lang, 'screenRace')}</label>
              <select id="screen-race" value={raceId} onChange={(e) => setRaceId(e.currentTarget.value)}>
                <option value="">{t(lang, 'screenRaceAuto')}</option>
                {races.map((race) => (
                  <option key={race.id} value={String(race.id)}>
                    {race.unitName ? `${race.name} · ${race.unitName}` : race.name}
                  </option>
                ))}
              </select>
              <label for="screen-expiry">{t(lang, 'screenExpiry')}</label>
              <select id="screen-expiry" value={days} onChange={(e) => setDays(e.currentTarget.value)}>
                {EXPIRY_DAYS.map((n) => (
                  <option key={n} value={String(n)}>
                    {n === 0 ? t(lang, 'expiryNever') : n === 1 ? t(lang, 'expiryOneDay') : t(lang, 'expiryDays', { n })}
                  </option>
                ))}
              </select>
              <label for="screen-label">{t(lang, 'screenLabel')}</label>
              <div class="row nowrap">
                <input
                  id="screen-label"
                  required
                  maxLength={200}
                  value={label}
                  placeholder={t(lang, 'screenLabelHint')}
                  onInput={(e) => setLabel(e.currentTarget.value)}
                />
                <button type="submit" disabled={busy}>
                  {t(lang, 'createScreen')}
                </button>
              </div>
              <Problems list={problems} />
            </form>
          </section>
          <section class="card">
            <h2>{t(lang, 'screenList')}</h2>
            <Note kind="error">{error}</Note>
            {list?.length === 0 && <p class="muted">{t(lang, 'noScreens')}</p>}
            <ul class="screens">
              {list?.map((screen) => (
                <li key={screen.id}>
                  <div class="spread">
                    <div>
                      <strong>{screen.label}</strong>
                      <div class="small-text">
                        {screen.raceId === null ? t(lang, 'screenShowsAuto') : t(lang, 'screenShows', { race: raceName(screen.raceId) })}
                      </div>
                      <div class="muted small-text">
                        {t(lang, 'createdAt', { when: dateTime(screen.createdAt, lang) })}
                        {' · '}
                        {screen.expiresAt === null ? t(lang, 'noExpiry') : t(lang, 'expiresAt', { when: dateTime(screen.expiresAt, lang) })}
                      </div>
                    </div>
                    {confirming === screen.id ? (
                      <span class="confirm row" role="group" aria-label={t(lang, 'revokeAsk')}>
                        <span>{t(lang, 'revokeAsk')}</span>
                        <button type="button" class="danger small" onClick={() => revoke(screen.id)} ref={(el) => el?.focus()}>
                          {t(lang, 'revokeConfirm')}
                        </button>
                        <button type="button" class="secondary small" onClick={() => setConfirming(null)}>
                          {t(lang, 'cancel')}
                        </button>
                      </span>
                    ) : (
                      <button type="button" class="danger small" onClick={() => setConfirming(screen.id)}>
                        {t(lang, 'revoke')}
                      </button>
                    )}
                  </div>
                  {fresh[screen.id] && <ScreenLink ctx={ctx} made={fresh[screen.id]} />}
                </li>
              ))}
            </ul>
            <p class="muted small-text">{t(lang, 'tokenOnce')}</p>
          </section>
        </div>
        <JoinQr ctx={ctx} />
      </div>
    </div>
  );
}

/** What the server sends once for a new screen: its token, its page's address and that as a QR code. */
type Made = Pick<NewScreenToken, 'token' | 'url' | 'qrSvg'>;

function ScreenLink({ ctx, made }: { ctx: Ctx; made: Made }) {
  const { lang } = ctx;
  const [copied, setCopied] = useState(false);
  const link = made.url;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      const field = document.createElement('textarea');
      field.value = link;
      document.body.appendChild(field);
      field.select();
      document.execCommand('copy');
      field.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 3000);
  };
  return (
    <div class="screen-link">
      <img class="screen-qr" src={'data:image/svg+xml;utf8,' + encodeURIComponent(made.qrSvg)} alt={link} width={160} height={160} />
      <label class="small-text">
        {t(lang, 'screenAddress')}
        <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div class="row">
        <button type="button" class="secondary small" onClick={copy}>
          {t(lang, 'copyLink')}
        </button>
        <a class="button-link" href={link} target="_blank" rel="noopener">
          {t(lang, 'openScreen')}
        </a>
        <span role="status" class="good-text">
          {copied ? t(lang, 'copied') : ''}
        </span>
      </div>
    </div>
  );
}

function JoinQr({ ctx }: { ctx: Ctx }) {
  const { lang } = ctx;
  const [qr, setQr] = useState<QrLink | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    ctx.call<QrLink>('GET', '/api/join-qr').then(setQr, (e) => setError(messageOf(e)));
  }, [ctx.session.token]);
  return (
    <section class="card qr">
      <h2>{t(lang, 'joinQr')}</h2>
      <p class="muted small-text">{t(lang, 'joinQrLead')}</p>
      <Note kind="error">{error}</Note>
      {qr && (
        <figure>
          <img src={'data:image/svg+xml;utf8,' + encodeURIComponent(qr.qrSvg)} alt={t(lang, 'qrAlt', { url: qr.url })} width={240} height={240} />
          <figcaption>
            <a href={qr.url} target="_blank" rel="noopener">
              {qr.url}
            </a>
          </figcaption>
        </figure>
      )}
    </section>
  );
}
