import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Socket } from 'socket.io-client';
import '../shared/base.css';
import './console.css';
import { api, storedToken } from '../shared/api';
import { Lang, currentLang, saveLang } from '../shared/i18n';
import { connectLive } from '../shared/live';
import { LangSwitch, Note } from '../shared/ui';
import { Bank } from './bank';
import { Ctx, makeCall, messageOf } from './ctx';
import { Imports } from './imports';
import { Races } from './races';
import { Screens } from './screens';
import { Turnout } from './turnout';
import { t } from './words';

const tokenStore = storedToken('ai-race:organiser');
/** The username typed at sign-in: /api/auth/me names the account by id only. */
const nameStore = storedToken('ai-race:organiser-name');

const TABS = ['races', 'turnout', 'imports', 'bank', 'screens'] as const;
type Tab = (typeof TABS)[number];
const TAB_WORDS = { races: 'tabRaces', turnout: 'tabTurnout', imports: 'tabImports', bank: 'tabBank', screens: 'tabScreens' } as const;

const tabFromHash = (): Tab => {
  const name = location.hash.replace(/^#/, '');
  return (TABS as readonly string[]).includes(name) ? (name as Tab) : 'races';
};

function App() {
  const [lang, setLang] = useState<Lang>(currentLang());
  const [token, setToken] = useState(tokenStore.get());
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const signIn = (next: string, username: string) => {
    tokenStore.set(next);
    nameStore.set(username);
    setExpired(false);
    setToken(next);
  };
  const signOut = (becauseExpired = false) => {
    tokenStore.set(null);
    setExpired(becauseExpired);
    setToken(null);
  };
  const changeLang = (next: Lang) => {
    saveLang(next);
    setLang(next);
  };

  return (
    <div class="console">
      <header class="topbar">
        <div class="spread wrap">
          <strong class="brand">{t(lang, 'title')}</strong>
          <span class="row">
            {token && <Who lang={lang} token={token} onUnauthorised={() => signOut(true)} />}
            <LangSwitch lang={lang} onChange={changeLang} />
            {token && (
              <button type="button" class="secondary small" onClick={() => signOut()}>
                {t(lang, 'signOut')}
              </button>
            )}
          </span>
        </div>
      </header>
      {token ? (
        <Shell key={token} lang={lang} token={token} onUnauthorised={() => signOut(true)} />
      ) : (
        <SignIn lang={lang} expired={expired} onSignedIn={signIn} />
      )}
    </div>
  );
}

/** Who is signed in, from /api/auth/me (and the unit an organiser is limited to). */
function Who({ lang, token, onUnauthorised }: { lang: Lang; token: string; onUnauthorised: () => void }) {
  const [me, setMe] = useState<{ kind: string; role: string; unitId: number | null } | null>(null);
  const [unitName, setUnitName] = useState('');
  useEffect(() => {
    const call = makeCall({ token, lang }, onUnauthorised);
    call<{ kind: string; role: string; unitId: number | null }>('GET', '/api/auth/me').then(
      (reply) => {
        // A participant's or a screen's token is no organiser's.
        if (reply.kind !== 'organiser') return onUnauthorised();
        setMe(reply);
        if (reply.unitId) call<{ name: string }>('GET', `/api/units/${reply.unitId}`).then((unit) => setUnitName(unit.name), () => undefined);
      },
      () => undefined,
    );
  }, [token]);
  if (!me) return null;
  const name = nameStore.get() ?? '';
  return (
    <span class="who">
      {t(lang, 'signedInAs', { name })} · {me.role === 'admin' ? t(lang, 'roleAdmin') : t(lang, 'roleOrganiser')}
      {unitName && ` · ${unitName}`}
    </span>
  );
}

function SignIn({ lang, expired, onSignedIn }: { lang: Lang; expired: boolean; onSignedIn: (token: string, username: string) => void }) {
  const [username, setUsername] = useState(nameStore.get() ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const reply = await api<{ accessToken: string; role: string }>({ token: null, lang }, 'POST', '/api/auth/login', { username: username.trim(), password });
      onSignedIn(reply.accessToken, username.trim());
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <form class="card" onSubmit={submit}>
        <h1>{t(lang, 'signInTitle')}</h1>
        <p class="muted">{t(lang, 'signInLead')}</p>
        {expired && <Note kind="warn">{t(lang, 'expired')}</Note>}
        <label for="username">{t(lang, 'username')}</label>
        <input id="username" name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        <label for="password">{t(lang, 'password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        <Note kind="error">{error}</Note>
        <p>
          <button type="submit" disabled={busy}>
            {busy ? t(lang, 'signingIn') : t(lang, 'signIn')}
          </button>
        </p>
      </form>
    </main>
  );
}

function Shell({ lang, token, onUnauthorised }: { lang: Lang; token: string; onUnauthorised: () => void }) {
  const [tab, setTab] = useState<Tab>(tabFromHash());
  const [socket, setSocket] = useState<Socket | null>(null);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  useEffect(() => {
    const live = connectLive(token);
    setSocket(live);
    return () => {
      live.disconnect();
    };
  }, [token]);

  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const unauthorised = useRef(onUnauthorised);
  unauthorised.current = onUnauthorised;
  const ctx: Ctx = useMemo(() => {
    const session = { token, lang };
    return { lang, session, socket, call: makeCall(session, () => unauthorised.current()) };
  }, [token, lang, socket]);

  const choose = (next: Tab, focus = false) => {
    setTab(next);
    history.replaceState(null, '', `#${next}`);
    if (focus) tabRefs.current[next]?.focus();
  };

  // Arrow keys, Home and End move between tabs, as in any tab list.
  const onKey = (event: KeyboardEvent) => {
    const at = TABS.indexOf(tab);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    choose(TABS[(moves[event.key] + TABS.length) % TABS.length], true);
  };

  return (
    <>
      <nav class="tabs" aria-label={t(lang, 'navLabel')}>
        <div class="wrap tablist" role="tablist" aria-label={t(lang, 'navLabel')} onKeyDown={onKey}>
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`panel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              ref={(el) => {
                tabRefs.current[name] = el;
              }}
              onClick={() => choose(name)}
            >
              {t(lang, TAB_WORDS[name])}
            </button>
          ))}
        </div>
      </nav>
      <main class="wrap" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'races' && <Races ctx={ctx} />}
        {tab === 'turnout' && <Turnout ctx={ctx} />}
        {tab === 'imports' && <Imports ctx={ctx} />}
        {tab === 'bank' && <Bank ctx={ctx} />}
        {tab === 'screens' && <Screens ctx={ctx} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
