import { useEffect, useState } from 'preact/hooks';
import { messageOf, useBusy } from '../shared/busy';
import { fromLocalInput } from '../shared/format';
import { Note } from '../shared/ui';
import type { RaceView } from '../../contract/races';
import { Ctx, UnitOption, unitTree } from './ctx';
import { Problems } from './forms';
import { LiveHost } from './live-host';
import { RaceCard } from './race-card';
import { t } from './words';
import type { OrganiserPrincipal } from '../../contract/auth';
import type { TopicCount } from '../../contract/questions';

export function Races({ ctx }: { ctx: Ctx }) {
  const { lang } = ctx;
  const [races, setRaces] = useState<RaceView[] | null>(null);
  const [topics, setTopics] = useState<TopicCount[]>([]);
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
    ctx.call<TopicCount[]>('GET', '/api/questions/topics').then(setTopics, () => undefined);
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

/** A new race: its name, dates and the unit it is for. */
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
  const { busy, problems, run } = useBusy();
  const [done, setDone] = useState('');

  useEffect(() => {
    if (!open) return;
    ctx.call<Pick<OrganiserPrincipal, 'unitId'>>('GET', '/api/auth/me').then(
      (me) => {
        setDistrictWide(me.unitId === null);
        setUnitId(me.unitId === null ? '' : String(me.unitId));
      },
      () => undefined,
    );
    ctx.call<UnitOption[]>('GET', '/api/units').then(setUnits, () => undefined);
  }, [open, ctx.session.token]);

  const submit = (event: Event) => {
    event.preventDefault();
    setDone('');
    void run(async () => {
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
    });
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
              <input
                id="race-name"
                required
                maxLength={200}
                value={name}
                placeholder={t(lang, 'raceNameHint')}
                onInput={(e) => setName(e.currentTarget.value)}
              />
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
