import { useEffect, useState } from 'preact/hooks';
import type { GroupEntry } from '../../contract/boards';
import type { MyRound } from '../../contract/play';
import { Session, api } from '../shared/api';
import { percent } from '../shared/format';
import type { Me } from './main';
import { t } from './words';

type BoardEntry = Pick<GroupEntry, 'id' | 'rank' | 'participants' | 'headcount' | 'participationRate'>;

/** The end of a round: score, own rank, the unit's rank and turnout. */
export function Result({ session, me, round, score, onBack }: { session: Session; me: Me; round: MyRound; score: number; onBack: () => void }) {
  const { lang } = session;
  const [mine, setMine] = useState<{ rank: number; total: number } | null>(null);
  const [unit, setUnit] = useState<BoardEntry | null>(null);

  useEffect(() => {
    api<{ total: number; me: { rank: number } | null }>(session, 'GET', `/api/leaderboards/individuals/me?round=${round.id}`).then(
      (reply) => reply.me && setMine({ rank: reply.me.rank, total: reply.total }),
      () => undefined,
    );
    api<{ entries: BoardEntry[] }>(session, 'GET', `/api/leaderboards/units?round=${round.id}&limit=500`).then(
      (reply) => setUnit(reply.entries.find((entry) => entry.id === me.unitId) ?? null),
      () => undefined,
    );
  }, [round.id]);

  return (
    <section class="card result">
      <h1>{t(lang, 'done')}</h1>
      <p class="muted">{round.name}</p>
      <dl>
        <dt>{t(lang, 'yourScore')}</dt>
        {round.scoresHeld ? <dd>{t(lang, 'scoreLater')}</dd> : <dd class="big">{score}</dd>}
        {mine && !round.scoresHeld && (
          <>
            <dt>{t(lang, 'yourRank')}</dt>
            <dd class="big">{t(lang, 'rankOf', { rank: mine.rank, total: mine.total })}</dd>
          </>
        )}
        {unit && (
          <>
            <dt>{t(lang, 'unitRank', { unit: me.unitName })}</dt>
            <dd>
              {t(lang, 'unitLine', {
                rank: unit.rank,
                participants: unit.participants ?? 0,
                headcount: unit.headcount ?? 0,
                rate: percent(unit.participationRate ?? 0, lang),
              })}
            </dd>
          </>
        )}
      </dl>
      <button type="button" class="wide" onClick={onBack}>
        {t(lang, 'back')}
      </button>
    </section>
  );
}
