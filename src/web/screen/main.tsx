import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import '../shared/base.css';
import './screen.css';
import { ApiError, Session, api } from '../shared/api';
import { categoryName } from '../shared/categories';
import { localDeadline, useNow } from '../shared/countdown';
import { clock, count, dateTime, percent } from '../shared/format';
import { Lang, currentLang } from '../shared/i18n';
import { ask } from '../shared/live';
import { onEveryConnection, useLiveSocket } from '../shared/live-join';
import { t } from './words';
import type { QrLink } from '../../contract/auth';
import type { BoardName, BoardUpdate, GroupEntry, IndividualEntry } from '../../contract/boards';
import type { RaceView, RoundView } from '../../contract/races';

const BOARDS: BoardName[] = ['units', 'individuals', 'schools', 'clans', 'categories'];
/** The boards the hall sees in turn: all of them, or those named in `?boards=units,clans`. */
const chosen = (new URLSearchParams(location.search).get('boards') ?? '').split(',').filter((name): name is BoardName => BOARDS.includes(name as BoardName));
const ROTATION: BoardName[] = chosen.length ? chosen : BOARDS;
const ROTATE_MS = 15_000;
const SHOWN = 10;
const DAY_MS = 24 * 3600_000;

/** An entry of any board, as far as the screen shows it. */
type Entry = Pick<GroupEntry, 'id' | 'rank' | 'name' | 'score'> &
  Partial<Pick<GroupEntry, 'participants' | 'headcount' | 'participationRate'> & Pick<IndividualEntry, 'unitName'>>;

type Board = Pick<BoardUpdate, 'board' | 'raceId' | 'seq' | 'total' | 'scoresHeld'> & {
  entries: Entry[];
  /** Entries that went up in the last update, to flash them. */
  up: Set<string>;
};

type Round = Pick<RoundView, 'id' | 'name' | 'status' | 'mode' | 'closesAt'>;
type Race = Pick<RaceView, 'id' | 'name' | 'unitId'> & { rounds: Round[] };

interface LiveQuestion {
  roundId: number;
  index: number;
  count: number;
  endsAt: number;
}

/** The race asked for (`&race=`), else the newest with an open round, the district's before a unit's (a school's race needs `&race=`). */
function chooseRace(races: Race[], wanted: number | null): Race | null {
  if (wanted) return races.find((race) => race.id === wanted) ?? null;
  const open = races.filter((race) => race.rounds.some((round) => round.status === 'open'));
  return open.find((race) => race.unitId === null) ?? open[0] ?? races[races.length - 1] ?? null;
}

function Screen({ token }: { token: string }) {
  const lang: Lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : currentLang();
  const session: Session = { token, lang };
  const wantedRace = Number(new URLSearchParams(location.search).get('race')) || null;
  const [race, setRace] = useState<Race | null>(null);
  const [problem, setProblem] = useState('');
  const [boards, setBoards] = useState<Partial<Record<BoardName, Board>>>({});
  const [shown, setShown] = useState(0);
  const [qr, setQr] = useState<QrLink | null>(null);
  const [live, setLive] = useState<LiveQuestion | null>(null);
  const now = useNow(500);

  const loadRaces = () =>
    api<Race[]>(session, 'GET', '/api/races').then(
      (races) => {
        const next = chooseRace(races, wantedRace);
        setRace(next);
        setProblem(next ? '' : t(lang, 'noRace'));
      },
      (e: Error) => setProblem(e instanceof ApiError && e.status === 401 ? t(lang, 'badToken') : e.message),
    );

  useEffect(() => {
    void loadRaces();
    api<QrLink>(session, 'GET', '/api/join-qr').then(setQr, () => undefined);
    const rotateTimer = setInterval(() => setShown((i) => i + 1), ROTATE_MS);
    const raceTimer = setInterval(loadRaces, 60_000);
    return () => [rotateTimer, raceTimer].forEach(clearInterval);
  }, []);

  // One socket for the race as it stands: a round opening or closing makes a new one, which joins the live rounds open now.
  const raceKey = race && `${race.id}:${race.rounds.map((round) => `${round.id}:${round.status}`).join()}`;
  // Revoked, expired or its maker disabled: the server closes the socket for good.
  const { socket: io, online } = useLiveSocket(race && token, raceKey, () => setProblem(t(lang, 'badToken')));

  // On every (re)connection the boards are subscribed again and come as snapshots.
  useEffect(() => {
    if (!race || !io) return;
    const subscribe = async (board: BoardName) => {
      try {
        const ack = await ask<{ ok: boolean; seq: number; snapshot: Omit<Board, 'seq' | 'up'> }>(io, 'board:subscribe', { board, race: race.id, limit: SHOWN });
        if (ack.ok) setBoards((all) => ({ ...all, [board]: { ...ack.snapshot, seq: ack.seq, up: new Set<string>() } }));
      } catch {
        // Not answered: the next reconnection subscribes again.
      }
    };
    const stopJoining = onEveryConnection(io, () => {
      ROTATION.forEach((board) => void subscribe(board));
      // Follow the live rounds' questions for the countdown (a screen watches; it never answers).
      race.rounds
        .filter((round) => round.mode === 'live' && round.status === 'open')
        .forEach((round) => void ask(io, 'live:join', { roundId: round.id }).catch(() => undefined));
    });
    const onUpdate = (update: Omit<Board, 'up'> & { moves: Array<{ id: number | string; from: number | null; to: number | null }> }) => {
      if (update.raceId !== race.id) return;
      setBoards((all) => {
        const known = all[update.board];
        // A missed update: ask for the board as it is now.
        if (known && update.seq !== known.seq + 1) {
          void subscribe(update.board);
          return all;
        }
        const up = new Set(update.moves.filter((move) => move.to !== null && (move.from === null || move.to < move.from)).map((move) => String(move.id)));
        return { ...all, [update.board]: { ...update, up } };
      });
    };
    const onStatus = (event: { raceId: number }) => event.raceId === race.id && loadRaces();
    const onQuestion = (event: { roundId: number; question: { index: number; count: number; secondsLeft: number } }) =>
      setLive({ roundId: event.roundId, index: event.question.index, count: event.question.count, endsAt: localDeadline(event.question.secondsLeft) });
    // The host gave the question more time: the hall's countdown follows.
    const onExtend = (event: { roundId: number; secondsLeft: number }) =>
      setLive((current) => (current && current.roundId === event.roundId ? { ...current, endsAt: localDeadline(event.secondsLeft) } : current));
    const onEnd = () => setLive(null);
    io.on('board:update', onUpdate);
    io.on('live:extend', onExtend);
    io.on('round:status', onStatus);
    io.on('live:question', onQuestion);
    io.on('live:end', onEnd);
    return () => {
      stopJoining();
      io.off('board:update', onUpdate);
      io.off('round:status', onStatus);
      io.off('live:question', onQuestion);
      io.off('live:extend', onExtend);
      io.off('live:end', onEnd);
    };
  }, [io]);

  if (problem) return <div class="screen message">{problem}</div>;
  if (!race) return <div class="screen message">…</div>;

  const boardName = ROTATION[shown % ROTATION.length];
  const board = boards[boardName];
  const open = race.rounds.find((round) => round.status === 'open');
  const liveRound = live && race.rounds.find((round) => round.id === live.roundId);
  let status = t(lang, 'noOpenRound');
  if (liveRound && live)
    status = t(lang, 'liveNow', { round: liveRound.name, index: live.index + 1, count: live.count, time: clock((live.endsAt - now) / 1000) });
  else if (open?.closesAt && Date.parse(open.closesAt) - now > DAY_MS) status = t(lang, 'closesAt', { round: open.name, when: dateTime(open.closesAt, lang) });
  else if (open?.closesAt) status = t(lang, 'closesIn', { round: open.name, time: longClock(Date.parse(open.closesAt) - now) });
  else if (open) status = open.name;

  return (
    <div class="screen">
      <header>
        <div>
          <div class="race">{race.name}</div>
          <div class="status" role="timer">
            {status}
          </div>
        </div>
        <h1>{t(lang, boardName)}</h1>
      </header>
      <main>
        <section class="board" aria-live="polite">
          {board?.scoresHeld && <p class="held">{t(lang, 'scoresHeld')}</p>}
          {board && board.entries.length ? <Rows lang={lang} board={board} /> : <p class="empty">{t(lang, 'empty')}</p>}
          <div class="dots" aria-hidden="true">
            {ROTATION.map((name) => (
              <span class={name === boardName ? 'on' : ''} key={name} />
            ))}
          </div>
        </section>
        <aside>
          {qr && (
            <>
              <img class="qr" alt={qr.url} src={`data:image/svg+xml;utf8,${encodeURIComponent(qr.qrSvg)}`} />
              <p class="join">{t(lang, 'join')}</p>
              <p class="url">{qr.url}</p>
            </>
          )}
        </aside>
      </main>
      {!online && <div class="offline">{t(lang, 'offline')}</div>}
    </div>
  );
}

/** `h:mm:ss` when an hour or more is left. */
function longClock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return seconds >= 3600 ? `${Math.floor(seconds / 3600)}:${clock(seconds % 3600).padStart(5, '0')}` : clock(seconds);
}

/** The top of a board; rows slide from their old place to the new one when ranks change. */
function Rows({ lang, board }: { lang: Lang; board: Board }) {
  const list = useRef<HTMLOListElement>(null);
  const places = useRef(new Map<string, number>());

  useLayoutEffect(() => {
    const rows = Array.from(list.current?.children ?? []) as HTMLElement[];
    const next = new Map<string, number>();
    for (const row of rows) {
      const id = row.dataset.id!;
      const top = row.getBoundingClientRect().top;
      next.set(id, top);
      const before = places.current.get(id);
      if (before !== undefined && before !== top && row.animate) {
        row.animate([{ transform: `translateY(${before - top}px)` }, { transform: 'none' }], { duration: 700, easing: 'cubic-bezier(.2,.8,.2,1)' });
      }
    }
    places.current = next;
  });

  const unitLike = board.board === 'units' || board.board === 'schools' || board.board === 'categories';
  return (
    <ol class="rows" ref={list}>
      {board.entries.slice(0, SHOWN).map((entry) => (
        <li key={String(entry.id)} data-id={String(entry.id)} class={board.up.has(String(entry.id)) ? 'up' : ''}>
          <span class="rank">{entry.rank}</span>
          <span class="name">
            {board.board === 'categories' ? categoryName(lang, entry.id, entry.name) : entry.name}
            {entry.unitName && <small>{entry.unitName}</small>}
          </span>
          {unitLike ? (
            <span class="figure">
              <strong>{percent(entry.participationRate ?? 0, lang)}</strong>
              <small>{t(lang, 'people', { participants: count(entry.participants ?? 0, lang), headcount: count(entry.headcount ?? 0, lang) })}</small>
            </span>
          ) : (
            <span class="figure">
              <strong>{t(lang, 'points', { score: count(entry.score, lang) })}</strong>
              {entry.participants !== undefined && <small>{t(lang, 'players', { participants: count(entry.participants, lang) })}</small>}
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}

const token = new URLSearchParams(location.search).get('token');
render(token ? <Screen token={token} /> : <div class="screen message">{t(currentLang(), 'noToken')}</div>, document.getElementById('app')!);
