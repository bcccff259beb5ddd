import { useEffect, useState } from 'preact/hooks';
import { dateTime, fromLocalInput } from '../shared/format';
import { Lang } from '../shared/i18n';
import { Note } from '../shared/ui';
import { Ctx, RaceView, RoundView, Topic, UnitOption, messageOf, problemsOf, unitTree } from './ctx';
import { LiveHost } from './live-host';
import { t } from './words';

const STATUS_WORDS = { draft: 'statusDraft', scheduled: 'statusScheduled', open: 'statusOpen', closed: 'statusClosed' } as const;

/** A form's submit ("Lưu") and cancel buttons. */
export function SaveOrCancel({ lang, busy, onCancel }: { lang: Lang; busy: boolean; onCancel: () => void }) {
  return (
    <>
      <button type="submit" disabled={busy}>
        {t(lang, 'save')}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        {t(lang, 'cancel')}
      </button>
    </>
  );
}

export function Problems({ list }: { list: string[] }) {
  if (!list.length) return null;
  return (
    <div class="note error" role="alert">
      {list.length === 1 ? (
        list[0]
      ) : (
        <ul class="plain">
          {list.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Races({ ctx }: { ctx: Ctx }) {
  const { lang } = ctx;
  const [races, setRaces] = useState<RaceView[] | null>(null);
  const [topics, setTopics] = useState<Topic[]>([]);
  const [error, setError] = useState('');
  const [hosting, setHosting] = useState<number | null>(null);

  const load = () =>
    ctx.call<RaceView[]>('GET', '/api/races').then(
      (list) => {
        setRaces([...list].sort((a, b) => b.id - a.id));
        setError('');
      },
      (e) => setError(messageOf(e)),
    );

  useEffect(() => {
    void load();
    ctx.call<Topic[]>('GET', '/api/questions/topics').then(setTopics, () => undefined);
  }, [ctx.session.token]);

  useEffect(() => {
    const socket = ctx.socket;
    if (!socket) return;
    const onStatus = () => void load();
    socket.on('round:status', onStatus);
    return () => {
      socket.off('round:status', onStatus);
    };
  }, [ctx.socket]);

  const hostRound = races?.flatMap((race) => race.rounds).find((round) => round.id === hosting) ?? null;

  return (
    <div>
      <div class="spread">
        <h1>{t(lang, 'racesTitle')}</h1>
        <button type="button" class="secondary small" onClick={() => void load()}>
          {t(lang, 'refresh')}
        </button>
      </div>
      <Note kind="error">{error}</Note>
      {hostRound && <LiveHost ctx={ctx} round={hostRound} onClose={() => setHosting(null)} />}
      <RaceForm ctx={ctx} onCreated={() => void load()} />
      {races === null && !error && <p class="muted">{t(lang, 'loading')}</p>}
      {races?.length === 0 && <p class="muted">{t(lang, 'noRaces')}</p>}
      {races?.map((race) => (
        <RaceCard key={race.id} ctx={ctx} race={race} topics={topics} hosting={hosting} onHost={setHosting} onChanged={() => void load()} />
      ))}
    </div>
  );
}

function RaceForm({ ctx, onCreated }: { ctx: Ctx; onCreated: () => void }) {
  const { lang } = ctx;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [units, setUnits] = useState<UnitOption[]>([]);
  // '' is the whole district for a district-wide organiser; a unit organiser's races are their unit's unless they pick one below it.
  const [unitId, setUnitId] = useState('');
  const [districtWide, setDistrictWide] = useState(true);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState('');

  useEffect(() => {
    if (!open) return;
    ctx.call<{ unitId: number | null }>('GET', '/api/auth/me').then(
      (me) => {
        setDistrictWide(me.unitId === null);
        setUnitId(me.unitId === null ? '' : String(me.unitId));
      },
      () => undefined,
    );
    ctx.call<UnitOption[]>('GET', '/api/units').then(setUnits, () => undefined);
  }, [open, ctx.session.token]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblems([]);
    setDone('');
    try {
      const race = await ctx.call<RaceView>('POST', '/api/races', {
        name: name.trim(),
        startsAt: fromLocalInput(startsAt),
        endsAt: fromLocalInput(endsAt),
        ...(unitId ? { unitId: Number(unitId) } : {}),
      });
      setDone(t(lang, 'raceCreated', { name: race.name }));
      setName('');
      setStartsAt('');
      setEndsAt('');
      setOpen(false);
      onCreated();
    } catch (e) {
      setProblems(problemsOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card">
      <div class="spread">
        <h2>{t(lang, 'newRace')}</h2>
        <button type="button" class="secondary small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t(lang, 'hideForm') : t(lang, 'createRace')}
        </button>
      </div>
      <Note kind="good">{done}</Note>
      {open && (
        <form onSubmit={submit}>
          <div class="grid3">
            <div>
              <label for="race-name">{t(lang, 'raceName')}</label>
              <input id="race-name" required maxLength={200} value={name} placeholder={t(lang, 'raceNameHint')} onInput={(e) => setName(e.currentTarget.value)} />
            </div>
            <div>
              <label for="race-starts">{t(lang, 'startsAt')}</label>
              <input id="race-starts" type="datetime-local" value={startsAt} onInput={(e) => setStartsAt(e.currentTarget.value)} />
            </div>
            <div>
              <label for="race-ends">{t(lang, 'endsAt')}</label>
              <input id="race-ends" type="datetime-local" value={endsAt} onInput={(e) => setEndsAt(e.currentTarget.value)} />
            </div>
            <div>
              <label for="race-unit">{t(lang, 'raceUnit')}</label>
              <select id="race-unit" value={unitId} aria-describedby="race-unit-help" onChange={(e) => setUnitId(e.currentTarget.value)}>
                {districtWide && <option value="">{t(lang, 'wholeDistrict')}</option>}
                {unitTree(units).map(({ unit, depth }) => (
                  <option key={unit.id} value={String(unit.id)}>
                    {'\u00a0\u00a0'.repeat(depth)}
                    {unit.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p class="muted small-text" id="race-unit-help">
            {t(lang, 'raceUnitHelp')} {t(lang, 'vietnamTime')}
          </p>
          <Problems list={problems} />
          <button type="submit" disabled={busy}>
            {t(lang, 'createRace')}
          </button>
        </form>
      )}
    </section>
  );
}

function RaceCard(props: { ctx: Ctx; race: RaceView; topics: Topic[]; hosting: number | null; onHost: (id: number) => void; onChanged: () => void }) {
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
                            <button type="button" class="small danger" disabled={busy === round.id} onClick={() => act(round, 'close')} ref={(el) => el?.focus()}>
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

function RoundForm({ ctx, race, topics, onCreated }: { ctx: Ctx; race: RaceView; topics: Topic[]; onCreated: (round: RoundView) => void }) {
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
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);

  const revealShown = reveal || (mode === 'live' ? 'immediately' : 'after_close');

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblems([]);
    try {
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
    } catch (e) {
      setProblems(problemsOf(e));
    } finally {
      setBusy(false);
    }
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
