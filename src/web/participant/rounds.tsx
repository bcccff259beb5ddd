import { useEffect, useState } from 'preact/hooks';
import type { MyRound } from '../../contract/play';
import { Session, api } from '../shared/api';
import { count, dateTime } from '../shared/format';
import { Note } from '../shared/ui';
import type { Me } from './main';
import { SignedOutWhy, signedOutBy } from './session';
import { t } from './words';

/** This week's open rounds, refreshed now and then and when the page comes back into view. */
export function Rounds({
  session,
  me,
  onOpen,
  onSignedOut,
}: {
  session: Session;
  me: Me;
  onOpen: (round: MyRound) => void;
  onSignedOut: (why: SignedOutWhy) => void;
}) {
  const { lang } = session;
  const [rounds, setRounds] = useState<MyRound[] | null>(null);
  const [error, setError] = useState('');

  const load = () =>
    api<MyRound[]>(session, 'GET', '/api/me/rounds').then(
      (list) => {
        setRounds(list);
        setError('');
      },
      (e: Error) => {
        const why = signedOutBy(e);
        if (why) onSignedOut(why);
        else setError(e.message);
      },
    );

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 30_000);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  return (
    <section>
      <p class="greeting">
        {t(lang, 'hello', { name: me.fullName })}
        <br />
        <span class="muted">{me.unitName}</span>
      </p>
      <div class="spread">
        <h1>{t(lang, 'openRounds')}</h1>
        <button type="button" class="secondary small" onClick={load}>
          {t(lang, 'refresh')}
        </button>
      </div>
      <Note kind="error">{error}</Note>
      {rounds && !rounds.length && <p class="card muted">{t(lang, 'noRounds')}</p>}
      {rounds?.map((round) => (
        <article class="card round" key={round.id} data-round-id={round.id}>
          <div class="spread">
            <h2>{round.name}</h2>
            {round.mode === 'live' && <span class="badge">{t(lang, 'live')}</span>}
          </div>
          <p class="muted">{round.raceName}</p>
          <p>
            {t(lang, 'questionsInfo', { count: round.questionCount, seconds: round.secondsPerQuestion })}
            <br />
            {round.timeMultiplier && (
              <>
                {round.mode === 'window'
                  ? t(lang, 'moreTimeWindow', {
                      times: count(round.timeMultiplier, lang),
                      seconds: count(round.secondsPerQuestion * round.timeMultiplier, lang),
                    })
                  : t(lang, 'moreTimeLive')}
                <br />
              </>
            )}
            {round.closesAt ? t(lang, 'closesAt', { when: dateTime(round.closesAt, lang) }) : t(lang, 'noClose')}
          </p>
          {round.finished ? (
            <div class="spread">
              <span class="done">{round.scoresHeld ? t(lang, 'finishedHeld') : t(lang, 'finished', { score: round.score })}</span>
              <button type="button" class="secondary" onClick={() => onOpen(round)}>
                {t(lang, 'seeResult')}
              </button>
            </div>
          ) : (
            <button type="button" class="wide" onClick={() => onOpen(round)}>
              {round.mode === 'live' ? t(lang, 'joinLive') : round.attempted ? t(lang, 'resume') : t(lang, 'start')}
            </button>
          )}
        </article>
      ))}
    </section>
  );
}
