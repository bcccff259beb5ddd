import { useState } from 'preact/hooks';
import { messageOf } from '../shared/busy';
import { dateTime } from '../shared/format';
import { Note } from '../shared/ui';
import type { RaceView, RoundView } from '../../contract/races';
import { Ctx } from './ctx';
import { RoundForm } from './round-form';
import { t } from './words';
import type { TopicCount } from '../../contract/questions';

const STATUS_WORDS = { draft: 'statusDraft', scheduled: 'statusScheduled', open: 'statusOpen', closed: 'statusClosed' } as const;

/** A race and its rounds as a table, with the buttons to open, host and close them and a form to add one. */
export function RaceCard(props: {
  ctx: Ctx;
  race: RaceView;
  topics: TopicCount[];
  hosting: number | null;
  onHost: (id: number) => void;
  onChanged: () => void;
}) {
  const { ctx, race, topics, hosting, onHost, onChanged } = props;
  const { lang } = ctx;
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  const act = async (round: RoundView, action: 'open' | 'close') => {
    setBusy(round.id);
    setError('');
    setDone('');
    try {
      await ctx.call<RoundView>('POST', `/api/rounds/${round.id}/${action}`);
      setDone(t(lang, action === 'open' ? 'roundOpened' : 'roundClosed', { name: round.name }));
      onChanged();
    } catch (e) {
      setError(`${round.name}: ${messageOf(e)}`);
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  };

  const headingId = `race-${race.id}`;
  return (
    <section class="card" aria-labelledby={headingId}>
      <div class="spread">
        <div>
          <h2 id={headingId}>{race.name}</h2>
          <p class="muted small-text">
            {race.startsAt || race.endsAt ? t(lang, 'raceDates', { from: dateTime(race.startsAt, lang), to: dateTime(race.endsAt, lang) }) : t(lang, 'noDates')}
            {' · '}
            {race.unitName ? t(lang, 'raceOfUnit', { unit: race.unitName }) : t(lang, 'raceOfDistrict')}
          </p>
          {!race.manageable && <p class="muted small-text">{t(lang, 'followOnly')}</p>}
        </div>
        {race.manageable && (
          <button type="button" class="secondary small" aria-expanded={adding} onClick={() => setAdding(!adding)}>
            {adding ? t(lang, 'hideForm') : t(lang, 'addRound')}
          </button>
        )}
      </div>
      <Note kind="error">{error}</Note>
      <Note kind="good">{done}</Note>
      {race.rounds.length === 0 ? (
        <p class="muted">{t(lang, 'noRounds')}</p>
      ) : (
        <div class="scroll">
          <table>
            <caption class="sr-only">{t(lang, 'roundsOf', { name: race.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'roundName')}</th>
                <th scope="col">{t(lang, 'mode')}</th>
                <th scope="col">{t(lang, 'speedBonus')}</th>
                <th scope="col">{t(lang, 'status')}</th>
                <th scope="col">{t(lang, 'opensAt')}</th>
                <th scope="col">{t(lang, 'closesAt')}</th>
                <th scope="col" class="num">
                  {t(lang, 'questionCount')}
                </th>
                {race.manageable && <th scope="col">{t(lang, 'actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {race.rounds.map((round) => (
                <tr key={round.id} data-round-id={String(round.id)}>
                  <td>{round.name}</td>
                  <td>{t(lang, round.mode === 'live' ? 'modeLive' : 'modeWindow')}</td>
                  <td>{t(lang, round.speedBonus ? 'speedOn' : 'speedOff')}</td>
                  <td>
                    <span class={`badge ${round.status}`}>{t(lang, STATUS_WORDS[round.status])}</span>
                  </td>
                  <td class="when">{dateTime(round.opensAt, lang)}</td>
                  <td class="when">{dateTime(round.closesAt, lang)}</td>
                  <td class="num">{round.questionCount}</td>
                  {race.manageable && (
                    <td>
                      <div class="row actions">
                        {(round.status === 'draft' || round.status === 'scheduled') && (
                          <button type="button" class="small" disabled={busy === round.id} onClick={() => act(round, 'open')}>
                            {t(lang, 'openRound')}
                          </button>
                        )}
                        {round.status === 'open' && round.mode === 'live' && hosting !== round.id && (
                          <button type="button" class="small secondary" onClick={() => onHost(round.id)}>
                            {t(lang, 'hostRound')}
                          </button>
                        )}
                        {round.status === 'open' && confirming !== round.id && (
                          <button type="button" class="small danger" disabled={busy === round.id} onClick={() => setConfirming(round.id)}>
                            {t(lang, 'closeRound')}
                          </button>
                        )}
                        {round.status === 'open' && confirming === round.id && (
                          <span class="confirm row" role="group" aria-label={t(lang, 'closeAsk', { name: round.name })}>
                            <span>{t(lang, 'closeAsk', { name: round.name })}</span>
                            <button
                              type="button"
                              class="small danger"
                              disabled={busy === round.id}
                              onClick={() => act(round, 'close')}
                              ref={(el) => el?.focus()}
                            >
                              {t(lang, 'closeConfirm')}
                            </button>
                            <button type="button" class="small secondary" onClick={() => setConfirming(null)}>
                              {t(lang, 'cancel')}
                            </button>
                          </span>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {adding && (
        <RoundForm
          ctx={ctx}
          race={race}
          topics={topics}
          onCreated={(round) => {
            setAdding(false);
            setDone(t(lang, 'roundCreated', { name: round.name }));
            onChanged();
          }}
        />
      )}
    </section>
  );
}
