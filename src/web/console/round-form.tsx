import { useState } from 'preact/hooks';
import { useBusy } from '../shared/busy';
import { fromLocalInput } from '../shared/format';
import type { RaceView, RoundView } from '../../contract/races';
import { Ctx } from './ctx';
import { Problems } from './forms';
import { t } from './words';
import type { TopicCount } from '../../contract/questions';

/** A new round's settings: mode, times, seconds per question, the draw and the bonuses. */
export function RoundForm({ ctx, race, topics, onCreated }: { ctx: Ctx; race: RaceView; topics: TopicCount[]; onCreated: (round: RoundView) => void }) {
  const { lang } = ctx;
  const id = (name: string) => `round-${race.id}-${name}`;
  const [name, setName] = useState(t(lang, 'roundNameDefault', { n: race.rounds.length + 1 }));
  const [mode, setMode] = useState<'window' | 'live'>('window');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const [seconds, setSeconds] = useState('30');
  const [drawCount, setDrawCount] = useState('10');
  const [topic, setTopic] = useState('');
  const [speedBonus, setSpeedBonus] = useState(true);
  const [streakBonus, setStreakBonus] = useState(true);
  const [reveal, setReveal] = useState<'' | 'immediately' | 'after_close'>('');
  const { busy, problems, run } = useBusy();

  const revealShown = reveal || (mode === 'live' ? 'immediately' : 'after_close');

  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const round = await ctx.call<RoundView>('POST', `/api/races/${race.id}/rounds`, {
        name: name.trim(),
        mode,
        opensAt: fromLocalInput(opensAt),
        closesAt: fromLocalInput(closesAt),
        secondsPerQuestion: Number(seconds),
        draw: { count: Number(drawCount), ...(topic ? { topic } : {}) },
        speedBonus,
        streakBonus,
        revealAnswers: revealShown,
      });
      onCreated(round);
    });
  };

  return (
    <form class="subform" onSubmit={submit} aria-labelledby={id('title')}>
      <h3 id={id('title')}>{t(lang, 'newRoundIn', { name: race.name })}</h3>
      <div class="grid3">
        <div>
          <label for={id('name')}>{t(lang, 'roundName')}</label>
          <input id={id('name')} required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
        <div>
          <label for={id('mode')}>{t(lang, 'mode')}</label>
          <select id={id('mode')} value={mode} onChange={(e) => setMode(e.currentTarget.value as 'window' | 'live')}>
            <option value="window">{t(lang, 'modeWindowLong')}</option>
            <option value="live">{t(lang, 'modeLiveLong')}</option>
          </select>
        </div>
        <div>
          <label for={id('seconds')}>{t(lang, 'secondsPerQuestion')}</label>
          <input id={id('seconds')} type="number" min={5} max={300} step={1} required value={seconds} onInput={(e) => setSeconds(e.currentTarget.value)} />
        </div>
        <div>
          <label for={id('opens')}>{t(lang, 'opensAtLong')}</label>
          <input id={id('opens')} type="datetime-local" value={opensAt} onInput={(e) => setOpensAt(e.currentTarget.value)} />
        </div>
        <div>
          <label for={id('closes')}>{t(lang, 'closesAtLong')}</label>
          <input id={id('closes')} type="datetime-local" value={closesAt} onInput={(e) => setClosesAt(e.currentTarget.value)} />
        </div>
        <div>
          <label for={id('reveal')}>{t(lang, 'revealAnswers')}</label>
          <select id={id('reveal')} value={revealShown} onChange={(e) => setReveal(e.currentTarget.value as 'immediately' | 'after_close')}>
            <option value="immediately">{t(lang, 'revealImmediately')}</option>
            <option value="after_close">{t(lang, 'revealAfterClose')}</option>
          </select>
        </div>
        <div>
          <label for={id('count')}>{t(lang, 'drawCount')}</label>
          <input id={id('count')} type="number" min={1} max={100} step={1} required value={drawCount} onInput={(e) => setDrawCount(e.currentTarget.value)} />
        </div>
        <div>
          <label for={id('topic')}>{t(lang, 'drawTopic')}</label>
          <select id={id('topic')} value={topic} onChange={(e) => setTopic(e.currentTarget.value)}>
            <option value="">{t(lang, 'allTopics')}</option>
            {topics.map((item) => (
              <option key={item.topic} value={item.topic}>
                {t(lang, 'topicCount', { topic: item.topic, count: item.count })}
              </option>
            ))}
          </select>
        </div>
        <div class="checks">
          <label class="check">
            <input type="checkbox" checked={speedBonus} onChange={(e) => setSpeedBonus(e.currentTarget.checked)} />
            {t(lang, 'speedBonus')}
          </label>
          <p class="muted small-text">{t(lang, 'speedBonusHelp')}</p>
          <label class="check">
            <input type="checkbox" checked={streakBonus} onChange={(e) => setStreakBonus(e.currentTarget.checked)} />
            {t(lang, 'streakBonus')}
          </label>
        </div>
      </div>
      <p class="muted small-text">{t(lang, 'roundTimesHelp')}</p>
      <Problems list={problems} />
      <button type="submit" disabled={busy}>
        {t(lang, 'createRound')}
      </button>
    </form>
  );
}
