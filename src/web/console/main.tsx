import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import '../shared/base.css';
import './console.css';
import { api, storedToken } from '../shared/api';
import { useBusy } from '../shared/busy';
import { Lang, currentLang, saveLang } from '../shared/i18n';
import { useLiveSocket } from '../shared/live-join';
import { LangSwitch, Note } from '../shared/ui';
import { Account } from './account';
import { Audit } from './audit';
import { Bank } from './bank';
import { Ctx, makeCall } from './ctx';
import { Imports } from './imports';
import { Participants } from './participants';
import { Races } from './races';
import { Screens } from './screens';
import { Turnout } from './turnout';
import { t } from './words';
import type { OrganiserPrincipal, OrganiserSession, Principal } from '../../contract/auth';
import type { UnitView } from '../../contract/org';

const tokenStore = storedToken('ai-race:organiser');
/** The username typed at sign-in: /api/auth/me names the account by id only. */
const nameStore = storedToken('ai-race:organiser-name');

const TABS = ['races', 'turnout', 'people', 'imports', 'bank', 'screens', 'audit', 'account'] as const;
type Tab = (typeof TABS)[number];
const TAB_WORDS = {
  races: 'tabRaces',
  turnout: 'tabTurnout',
  people: 'tabPeople',
  imports: 'tabImports',
  bank: 'tabBank',
  screens: 'tabScreens',
  audit: 'tabAudit',
  account: 'tabAccount',
} as const;

/** Why the sign-in form is showing: the session ended by itself, or the organiser signed out everywhere. */
type SignedOutWhy = 'ended' | 'everywhere' | null;

const tabFromHash = (): Tab => {
  const name = location.hash.replace(/^#/, '');
  return (TABS as readonly string[]).includes(name) ? (name as Tab) : 'races';
};

function App() {
  const [lang, setLang] = useState<Lang>(currentLang());
  const [token, setToken] = useState(tokenStore.get());
  const [why, setWhy] = useState<SignedOutWhy>(null);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const signIn = (next: string, username: string) => {
    tokenStore.set(next);
    nameStore.set(username);
    setWhy(null);
    setToken(next);
  };
  const signOut = (reason: SignedOutWhy = null) => {
    tokenStore.set(null);
    setWhy(reason);
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
            {token && <Who lang={lang} token={token} onUnauthorised={() => signOut('ended')} />}
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
        <Shell key={token} lang={lang} token={token} onUnauthorised={() => signOut('ended')} onSignedOutEverywhere={() => signOut('everywhere')} />
      ) : (
        <SignIn lang={lang} why={why} onSignedIn={signIn} />
      )}
    </div>
  );
}

/** Who is signed in, from /api/auth/me (and the unit an organiser is limited to). */
function Who({ lang, token, onUnauthorised }: { lang: Lang; token: string; onUnauthorised: () => void }) {
  const [me, setMe] = useState<Pick<OrganiserPrincipal, 'role' | 'unitId'> | null>(null);
  const [unitName, setUnitName] = useState('');
  useEffect(() => {
    const call = makeCall({ token, lang }, onUnauthorised);
    call<Principal>('GET', '/api/auth/me').then(
      (reply) => {
        // A participant's or a screen's token is no organiser's.
        if (reply.kind !== 'organiser') return onUnauthorised();
        setMe(reply);
        if (reply.unitId)
          call<Pick<UnitView, 'name'>>('GET', `/api/units/${reply.unitId}`).then(
            (unit) => setUnitName(unit.name),
            () => undefined,
          );
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

function SignIn({ lang, why, onSignedIn }: { lang: Lang; why: SignedOutWhy; onSignedIn: (token: string, username: string) => void }) {
  const [username, setUsername] = useState(nameStore.get() ?? '');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useBusy();

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const reply = await api<OrganiserSession>({ token: null, lang }, 'POST', '/api/auth/login', { username: username.trim(), password });
      onSignedIn(reply.accessToken, username.trim());
    });
  };

  return (
    <main class="signin">
      <form class="card" onSubmit={submit}>
        <h1>{t(lang, 'signInTitle')}</h1>
        <p class="muted">{t(lang, 'signInLead')}</p>
        {why === 'ended' && <Note kind="warn">{t(lang, 'sessionEnded')}</Note>}
        {why === 'everywhere' && <Note kind="good">{t(lang, 'signedOutEverywhere')}</Note>}
        <label for="username">{t(lang, 'username')}</label>
        <input id="username" name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        <label for="password">{t(lang, 'password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
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

function Shell(props: { lang: Lang; token: string; onUnauthorised: () => void; onSignedOutEverywhere: () => void }) {
  const { lang, token, onUnauthorised } = props;
  const [tab, setTab] = useState<Tab>(tabFromHash());
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  const unauthorised = useRef(onUnauthorised);
  unauthorised.current = onUnauthorised;

  // The server spares the sockets of a session it keeps (the page that changed its password).
  const { socket } = useLiveSocket(token, token, () => unauthorised.current());

  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

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
        {tab === 'people' && <Participants ctx={ctx} />}
        {tab === 'imports' && <Imports ctx={ctx} />}
        {tab === 'bank' && <Bank ctx={ctx} />}
        {tab === 'screens' && <Screens ctx={ctx} />}
        {tab === 'audit' && <Audit ctx={ctx} />}
        {tab === 'account' && <Account ctx={ctx} onSignedOutEverywhere={props.onSignedOutEverywhere} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
