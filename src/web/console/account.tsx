import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { problemsOf, useBusy } from '../shared/busy';
import { Note } from '../shared/ui';
import { Ctx } from './ctx';
import { Problems } from './forms';
import { Organisers } from './organisers';
import { passwordProblems } from './passwords';
import { t } from './words';
import type { OrganiserPrincipal } from '../../contract/auth';
import './account.css';

type Me = Pick<OrganiserPrincipal, 'id' | 'role'>;

/** The signed-in organiser's own account; for the admin, every organiser's account as well. */
export function Account({ ctx, onSignedOutEverywhere }: { ctx: Ctx; onSignedOutEverywhere: () => void }) {
  const { lang } = ctx;
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    ctx.call<Me>('GET', '/api/auth/me').then(setMe, () => undefined);
  }, [ctx.session.token]);

  return (
    <div>
      <h1>{t(lang, 'accountTitle')}</h1>
      <div class="two">
        <ChangePassword ctx={ctx} />
        <SignOutEverywhere ctx={ctx} onDone={onSignedOutEverywhere} />
      </div>
      {me?.role === 'admin' && <Organisers ctx={ctx} myId={me.id} />}
    </div>
  );
}

function ChangePassword({ ctx }: { ctx: Ctx }) {
  const { lang } = ctx;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, problems, run, setProblems } = useBusy();
  const [done, setDone] = useState('');

  const submit = (event: Event) => {
    event.preventDefault();
    setDone('');
    const local = passwordProblems(lang, next, repeat);
    setProblems(local);
    if (local.length) return;
    void run(
      async () => {
        await ctx.call('POST', '/api/auth/password', { currentPassword: current, newPassword: next });
        setCurrent('');
        setNext('');
        setRepeat('');
        setDone(t(lang, 'passwordChanged'));
      },
      // The server's words for this one are a sign-in's ("wrong sign-in details").
      (e) => (e instanceof ApiError && e.body.code === 'BAD_CREDENTIALS' ? [t(lang, 'wrongCurrentPassword')] : problemsOf(e)),
    );
  };

  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">{t(lang, 'changePassword')}</h2>
      <form onSubmit={submit}>
        <div class="grid3">
          <div>
            <label for="current-password">{t(lang, 'currentPassword')}</label>
            <input
              id="current-password"
              type="password"
              autoComplete="current-password"
              required
              value={current}
              onInput={(e) => setCurrent(e.currentTarget.value)}
            />
          </div>
          <div>
            <label for="new-password">{t(lang, 'newPassword')}</label>
            <input
              id="new-password"
              type="password"
              autoComplete="new-password"
              required
              aria-describedby="new-password-rule"
              value={next}
              onInput={(e) => setNext(e.currentTarget.value)}
            />
          </div>
          <div>
            <label for="repeat-password">{t(lang, 'repeatPassword')}</label>
            <input id="repeat-password" type="password" autoComplete="new-password" required value={repeat} onInput={(e) => setRepeat(e.currentTarget.value)} />
          </div>
        </div>
        <p class="muted small-text" id="new-password-rule">
          {t(lang, 'passwordRule')}
        </p>
        <Problems list={problems} />
        <Note kind="good">{done}</Note>
        <button type="submit" disabled={busy}>
          {busy ? t(lang, 'working') : t(lang, 'changePassword')}
        </button>
      </form>
    </section>
  );
}

function SignOutEverywhere({ ctx, onDone }: { ctx: Ctx; onDone: () => void }) {
  const { lang } = ctx;
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useBusy();

  const signOut = () =>
    run(async () => {
      await ctx.call('POST', '/api/auth/sign-out-everywhere');
      onDone();
    });

  return (
    <section class="card" aria-labelledby="everywhere-title">
      <h2 id="everywhere-title">{t(lang, 'signOutEverywhere')}</h2>
      <p class="muted small-text">{t(lang, 'signOutEverywhereLead')}</p>
      <Note kind="error">{error}</Note>
      {confirming ? (
        <div class="confirm row" role="group" aria-label={t(lang, 'signOutEverywhereAsk')}>
          <span>{t(lang, 'signOutEverywhereAsk')}</span>
          <button type="button" class="danger small" disabled={busy} onClick={signOut} ref={(el) => el?.focus()}>
            {t(lang, 'signOutEverywhereConfirm')}
          </button>
          <button type="button" class="secondary small" onClick={() => setConfirming(false)}>
            {t(lang, 'cancel')}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          {t(lang, 'signOutEverywhere')}
        </button>
      )}
    </section>
  );
}
