import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Socket } from 'socket.io-client';
import '../shared/base.css';
import './screen.css';
import { ApiError, Session, api } from '../shared/api';
import { clock, count, dateTime, percent } from '../shared/format';
import { Lang, currentLang, translator } from '../shared/i18n';
import { ask, connectLive, onSessionEnded } from '../shared/live';

const t = translator({
  title: ['Cuộc đua luyện AI', 'AI training race'],
  noToken: ['Màn hình cần mã: mở /screen?token=… với mã do ban tổ chức tạo.', 'This screen needs a token: open /screen?token=… with one made by the organisers.'],
  badToken: ['Mã màn hình không hợp lệ, đã hết hạn hoặc đã bị thu hồi. Hãy xin ban tổ chức mã mới.', 'The screen token is invalid, has expired or was revoked. Ask the organisers for a new one.'],
  noRace: ['Chưa có cuộc đua nào.', 'No race yet.'],
  units: ['Đơn vị · tỉ lệ tham gia', 'Units · turnout'],
  schools: ['Trường học · tỉ lệ tham gia', 'Schools · turnout'],
  categories: ['Khối đơn vị', 'Unit categories'],
  clans: ['Dòng họ', 'Family clans'],
  individuals: ['Cá nhân xuất sắc', 'Top people'],
  empty: ['Chưa có ai tham gia. Quét mã QR để bắt đầu!', 'Nobody has played yet. Scan the QR code to start!'],
  closesIn: ['{round} · đóng sau {time}', '{round} · closes in {time}'],
  closesAt: ['{round} · đóng lúc {when}', '{round} · closes {when}'],
  liveNow: ['{round} · câu {index}/{count} · còn {time}', '{round} · question {index}/{count} · {time} left'],
  noOpenRound: ['Chưa có vòng thi đang mở', 'No round open now'],
  join: ['Quét để tham gia', 'Scan to take part'],
  people: ['{participants}/{headcount} người', '{participants}/{headcount} people'],
  players: ['{participants} người tham gia', '{participants} took part'],
  points: ['{score} điểm', '{score} pts'],
  offline: ['Mất kết nối, đang kết nối lại…', 'Connection lost, reconnecting…'],
  scoresHeld: ['Điểm của vòng đang thi được công bố khi vòng thi đóng', 'The open round’s points are shown when it closes'],
});

type BoardName = 'units' | 'schools' | 'categories' | 'clans' | 'individuals';
const BOARDS: BoardName[] = ['units', 'individuals', 'schools', 'clans', 'categories'];
/** The boards the hall sees in turn: all of them, or those named in `?boards=units,clans`. */
const chosen = (new URLSearchParams(location.search).get('boards') ?? '').split(',').filter((name): name is BoardName => BOARDS.includes(name as BoardName));
const ROTATION: BoardName[] = chosen.length ? chosen : BOARDS;
const ROTATE_MS = 15_000;
const SHOWN = 10;
const DAY_MS = 24 * 3600_000;

interface Entry {
  id: number | string;
  rank: number;
  name: string;
  score: number;
  participants?: number;
  headcount?: number;
  participationRate?: number;
  unitName?: string;
}

interface Board {
  board: BoardName;
  raceId: number;
  seq: number;
  total: number;
  entries: Entry[];
  /** The open round keeps its points (and so its answers) secret until it closes. */
  scoresHeld?: true;
  /** Entries that went up in the last update, to flash them. */
  up: Set<string>;
}

interface Round {
  id: number;
  name: string;
  status: string;
  mode: 'window' | 'live';
  closesAt: string | null;
}

interface Race {
  id: number;
  name: string;
  /** The unit whose race it is; null for the whole district's. */
  unitId: number | null;
  rounds: Round[];
}

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
  const [online, setOnline] = useState(true);
  const [qr, setQr] = useState<{ url: string; qrSvg: string } | null>(null);
  const [live, setLive] = useState<LiveQuestion | null>(null);
  const [now, setNow] = useState(Date.now());
  const socket = useRef<Socket | null>(null);

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
    api<{ url: string; qrSvg: string }>(session, 'GET', '/api/join-qr').then(setQr, () => undefined);
    const clockTimer = setInterval(() => setNow(Date.now()), 500);
    const rotateTimer = setInterval(() => setShown((i) => i + 1), ROTATE_MS);
    const raceTimer = setInterval(loadRaces, 60_000);
    return () => [clockTimer, rotateTimer, raceTimer].forEach(clearInterval);
  }, []);

  // One socket; on every (re)connection the boards are subscribed again and come as snapshots.
  useEffect(() => {
    if (!race) return;
    const io = connectLive(token);
    socket.current = io;
    const subscribe = async (board: BoardName) => {
      try {
        const ack = await ask<{ ok: boolean; seq: number; snapshot: Omit<Board, 'seq' | 'up'> }>(io, 'board:subscribe', { board, race: race.id, limit: SHOWN });
        if (ack.ok) setBoards((all) => ({ ...all, [board]: { ...ack.snapshot, seq: ack.seq, up: new Set<string>() } }));
      } catch {
        // Not answered: the next reconnection subscribes again.
      }
    };
    io.on('connect', () => {
      setOnline(true);
      ROTATION.forEach((board) => void subscribe(board));
      // Follow the live rounds' questions for the countdown (a screen watches; it never answers).
      race.rounds.filter((round) => round.mode === 'live' && round.status === 'open').forEach((round) => void ask(io, 'live:join', { roundId: round.id }).catch(() => undefined));
    });
    io.on('disconnect', () => setOnline(false));
    // Revoked, expired or its maker disabled: the server closes the socket for good.
    const stop = onSessionEnded(io, () => setProblem(t(lang, 'badToken')));
    io.on('board:update', (update: Omit<Board, 'up'> & { moves: Array<{ id: number | string; from: number | null; to: number | null }> }) => {
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
    });
    io.on('round:status', (event: { raceId: number }) => event.raceId === race.id && loadRaces());
    io.on('live:question', (event: { roundId: number; question: { index: number; count: number; secondsLeft: number } }) =>
      setLive({ roundId: event.roundId, index: event.question.index, count: event.question.count, endsAt: Date.now() + event.question.secondsLeft * 1000 }),
    );
    io.on('live:end', () => setLive(null));
    return () => {
      stop();
      io.removeAllListeners();
      io.disconnect();
    };
  }, [race?.id, race?.rounds.map((round) => `${round.id}:${round.status}`).join()]);

  if (problem) return <div class="screen message">{problem}</div>;
  if (!race) return <div class="screen message">…</div>;

  const boardName = ROTATION[shown % ROTATION.length];
  const board = boards[boardName];
  const open = race.rounds.find((round) => round.status === 'open');
  const liveRound = live && race.rounds.find((round) => round.id === live.roundId);
  let status = t(lang, 'noOpenRound');
  if (liveRound && live) status = t(lang, 'liveNow', { round: liveRound.name, index: live.index + 1, count: live.count, time: clock((live.endsAt - now) / 1000) });
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
            {entry.name}
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
