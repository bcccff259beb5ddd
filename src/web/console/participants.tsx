import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../shared/busy';
import { Note } from '../shared/ui';
import { TIME_MULTIPLIERS } from '../../contract/org';
import type { ParticipantPage, ParticipantView, TimeMultiplier } from '../../contract/org';
import { Ctx, query } from './ctx';
import { t } from './words';

const PAGE = 20;

/**
 * The people of the organiser's units, found by name or staff code, and the time each gets to
 * answer: more time for those who need it (older players, people new to smartphones).
 */
export function Participants({ ctx }: { ctx: Ctx }) {
  const { lang } = ctx;
  const [q, setQ] = useState('');
  const [page, setPage] = useState<ParticipantPage | null>(null);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');

  const load = (text: string) =>
    ctx.call<ParticipantPage>('GET', `/api/participants${query({ q: text.trim(), limit: PAGE })}`).then(
      (reply) => {
        setPage(reply);
        setError('');
      },
      (e) => setError(messageOf(e)),
    );
  useEffect(() => {
    void load('');
  }, [ctx.session.token]);

  const search = (event: Event) => {
    event.preventDefault();
    setSaved('');
    void load(q);
  };

  const setTime = async (person: ParticipantView, timeMultiplier: TimeMultiplier) => {
    setError('');
    setSaved('');
    try {
      const changed = await ctx.call<ParticipantView>('PATCH', `/api/participants/${person.id}`, { timeMultiplier });
      setPage((current) => current && { ...current, items: current.items.map((item) => (item.id === changed.id ? changed : item)) });
      setSaved(t(lang, 'timeSaved', { name: changed.fullName, time: t(lang, timeWord(changed.timeMultiplier)) }));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <div>
      <h1>{t(lang, 'peopleTitle')}</h1>
      <p class="muted">{t(lang, 'peopleLead')}</p>
      <form class="row" role="search" onSubmit={search}>
        <label for="people-q">{t(lang, 'peopleSearch')}</label>
        <input id="people-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        <button type="submit">{t(lang, 'search')}</button>
      </form>
      <Note kind="error">{error}</Note>
      <p role="status" aria-live="polite" class="muted">
        {saved}
      </p>
      {page && (
        <table>
          <caption class="muted">{t(lang, 'peopleCount', { shown: page.items.length, total: page.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'personName')}</th>
              <th scope="col">{t(lang, 'staffCode')}</th>
              <th scope="col">{t(lang, 'personUnit')}</th>
              <th scope="col">{t(lang, 'timeToAnswer')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((person) => (
              <tr key={person.id}>
                <th scope="row">{person.fullName}</th>
                <td>{person.staffCode}</td>
                <td>{person.unitName}</td>
                <td>
                  <select
                    aria-label={t(lang, 'timeFor', { name: person.fullName })}
                    value={String(person.timeMultiplier)}
                    onChange={(e) => void setTime(person, Number(e.currentTarget.value) as TimeMultiplier)}
                  >
                    {TIME_MULTIPLIERS.map((multiplier) => (
                      <option key={multiplier} value={String(multiplier)}>
                        {t(lang, timeWord(multiplier))}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="help small-text">{t(lang, 'timeHelp')}</p>
    </div>
  );
}

const timeWord = (multiplier: TimeMultiplier) => (({ 1: 'timeNormal', 1.5: 'timeOneHalf', 2: 'timeDouble', 3: 'timeTriple' }) as const)[multiplier];
