import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../shared/base.css';
import './participant.css';
import { Session, api, storedToken } from '../shared/api';
import { useBusy } from '../shared/busy';
import { Lang, currentLang, saveLang } from '../shared/i18n';
import { LangSwitch, Note } from '../shared/ui';
import { LiveRound } from './live-round';
import { Result } from './result';
import type { MyRound } from '../../contract/play';
import { Rounds } from './rounds';
import { SignedOutWhy, signedOutBy } from './session';
import { Attempt } from './window-round';
import { t } from './words';
import type { ParticipantSession } from '../../contract/auth';
import type { ParticipantSelf } from '../../contract/org';

const tokenStore = storedToken('ai-race:participant');
/** The round being played, so a reload goes straight back into it. */
const playing = storedToken('ai-race:playing');

/** What the pages use of the participant's own record (GET /me). */
export type Me = Pick<ParticipantSelf, 'id' | 'fullName' | 'staffCode' | 'unitId' | 'unitName'>;

type View = { name: 'rounds' } | { name: 'play'; round: MyRound } | { name: 'result'; round: MyRound; score: number };

function App() {
  const [lang, setLang] = useState<Lang>(currentLang());
  const [token, setToken] = useState(tokenStore.get());
  const [joinError, setJoinError] = useState('');
  const [why, setWhy] = useState<SignedOutWhy | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const session: Session = { token, lang };

  const signedIn = (next: string | null) => {
    tokenStore.set(next);
    if (!next) playing.set(null);
    setWhy(null);
    setConfirming(false);
    setError('');
    setToken(next);
  };
  const signedOut = (reason: SignedOutWhy | null = null) => {
    signedIn(null);
    setWhy(reason);
  };
  const signOutEverywhere = async () => {
    setError('');
    try {
      await api(session, 'POST', '/api/auth/sign-out-everywhere');
      signedOut('everywhere');
    } catch (e) {
      const why = signedOutBy(e);
      if (why) signedOut(why);
      else setError((e as Error).message);
    }
  };

  // A join link (`/?join=…`, from a QR code) signs in without a staff code.
  useEffect(() => {
    const join = new URLSearchParams(location.search).get('join');
    if (!join) return;
    history.replaceState(null, '', location.pathname);
    api<ParticipantSession>({ token: null, lang }, 'POST', '/api/auth/join', { token: join }).then(
      (reply) => signedIn(reply.accessToken),
      () => setJoinError(t(lang, 'joinFailed')),
    );
  }, []);

  const changeLang = (next: Lang) => {
    saveLang(next);
    setLang(next);
  };

  return (
    <div class="phone">
      <header class="bar">
        <div class="spread">
          <strong>{t(lang, 'title')}</strong>
          <LangSwitch lang={lang} onChange={changeLang} />
        </div>
        {token && (
          <div class="row account">
            <button type="button" class="secondary small" onClick={() => signedOut()}>
              {t(lang, 'signOut')}
            </button>
            <button type="button" class="link small" aria-expanded={confirming} onClick={() => setConfirming(!confirming)}>
              {t(lang, 'signOutEverywhere')}
            </button>
          </div>
        )}
      </header>
      <main>
        {token && confirming && (
          <div class="card confirm" role="group" aria-label={t(lang, 'signOutEverywhereAsk')}>
            <p>{t(lang, 'signOutEverywhereAsk')}</p>
            <div class="row">
              <button type="button" class="danger" onClick={signOutEverywhere} ref={(el) => el?.focus()}>
                {t(lang, 'signOutEverywhereConfirm')}
              </button>
              <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                {t(lang, 'cancel')}
              </button>
            </div>
            <Note kind="error">{error}</Note>
          </div>
        )}
        <Note kind="error">{joinError}</Note>
        {token ? <Signed session={session} onSignedOut={signedOut} /> : <SignIn lang={lang} why={why} onSignedIn={signedIn} />}
      </main>
    </div>
  );
}

const WHY_WORDS = { ended: 'sessionEnded', expired: 'sessionExpired', everywhere: 'signedOutEverywhere' } as const;

function SignIn({ lang, why, onSignedIn }: { lang: Lang; why: SignedOutWhy | null; onSignedIn: (token: string) => void }) {
  const [staffCode, setStaffCode] = useState('');
  const [pin, setPin] = useState('');
  const { busy, error, run } = useBusy();

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const reply = await api<ParticipantSession>({ token: null, lang }, 'POST', '/api/auth/participant', {
        staffCode: staffCode.trim(),
        pin: pin.trim(),
      });
      onSignedIn(reply.accessToken);
    });
  };

  return (
    <form class="card" onSubmit={submit}>
      <h1>{t(lang, 'signIn')}</h1>
      <p class="muted">{t(lang, 'signInLead')}</p>
      {why && <Note kind={why === 'everywhere' ? 'good' : 'warn'}>{t(lang, WHY_WORDS[why])}</Note>}
      <label for="staff-code">{t(lang, 'staffCode')}</label>
      <input
        id="staff-code"
        name="staffCode"
        autocomplete="username"
        autocapitalize="characters"
        required
        value={staffCode}
        onInput={(e) => setStaffCode(e.currentTarget.value)}
      />
      <label for="pin">{t(lang, 'pin')}</label>
      <input
        id="pin"
        name="pin"
        type="password"
        inputMode="numeric"
        autocomplete="current-password"
        required
        value={pin}
        onInput={(e) => setPin(e.currentTarget.value)}
      />
      <Note kind="error">{error}</Note>
      <button type="submit" class="wide" disabled={busy}>
        {busy ? t(lang, 'signingIn') : t(lang, 'signIn')}
      </button>
    </form>
  );
}

function Signed({ session, onSignedOut }: { session: Session; onSignedOut: (why: SignedOutWhy) => void }) {
  const [me, setMe] = useState<Me | null>(null);
  const [view, setView] = useState<View>({ name: 'rounds' });
  const [error, setError] = useState('');

  useEffect(() => {
    api<Me>(session, 'GET', '/api/me').then(setMe, (e: Error) => {
      const why = signedOutBy(e);
      if (why) onSignedOut(why);
      else setError(e.message);
    });
  }, [session.token]);

  const open = (round: MyRound) => {
    playing.set(JSON.stringify(round));
    setView(round.finished ? { name: 'result', round, score: round.score } : { name: 'play', round });
  };
  const home = () => {
    playing.set(null);
    setView({ name: 'rounds' });
  };

  // After a reload, the round being played opens again (the server resumes the attempt).
  useEffect(() => {
    const saved = playing.get();
    if (saved) setView({ name: 'play', round: JSON.parse(saved) as MyRound });
  }, []);

  if (!me) return <Note kind="error">{error}</Note>;
  if (view.name === 'play') {
    const done = (score: number) => setView({ name: 'result', round: view.round, score });
    return view.round.mode === 'live' ? (
      <LiveRound session={session} round={view.round} onDone={done} onLeave={home} onSignedOut={onSignedOut} />
    ) : (
      <Attempt session={session} round={view.round} onDone={done} onLeave={home} onSignedOut={onSignedOut} />
    );
  }
  if (view.name === 'result') return <Result session={session} me={me} round={view.round} score={view.score} onBack={home} />;
  return <Rounds session={session} me={me} onOpen={open} onSignedOut={onSignedOut} />;
}

render(<App />, document.getElementById('app')!);
