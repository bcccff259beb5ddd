import { useEffect, useRef, useState } from 'preact/hooks';
import { Socket } from 'socket.io-client';
import { ApiError, NetworkError, Session, api, storedToken } from '../shared/api';
import { clock, percent } from '../shared/format';
import { Lang } from '../shared/i18n';
import { ask, connectLive, onSessionEnded } from '../shared/live';
import { Note } from '../shared/ui';
import type { Me } from './main';
import type { MyRound } from './rounds';
import { SignedOutWhy, signedOutBy } from './session';
import { t } from './words';

export interface Question {
  id: number;
  index: number;
  count: number;
  type: 'single' | 'multiple' | 'truefalse';
  text: string;
  choices: Array<{ id: number; text: string }>;
  deadline: string;
  secondsLeft: number;
}

interface AttemptView {
  attemptId: number;
  score: number;
  finished: boolean;
  question: Question | null;
}

interface AnswerReply {
  correct?: boolean;
  points?: number;
  score: number;
  next: Question | null;
  finished: boolean;
}

type Feedback = { kind: 'good' | 'error' | 'warn'; text: string } | null;

/** An answer not yet acknowledged, kept on the device so a reload sends it again. */
const pendingStore = storedToken('ai-race:pending');
interface Pending {
  attemptId: number;
  questionId: number;
  choiceIds: number[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The local moment a question ends: the server's seconds left, counted on this device's clock. */
const localDeadline = (question: Question) => Date.now() + question.secondsLeft * 1000;

/** The score line, or why there is none yet. */
const scoreLine = (lang: Lang, round: MyRound, score: number) => (round.scoresHeld ? t(lang, 'scoreLater') : t(lang, 'score', { score }));

function feedbackOf(lang: Lang, reply: AnswerReply): Feedback {
  if (reply.correct === undefined) return { kind: 'good', text: t(lang, 'recorded') };
  return reply.correct ? { kind: 'good', text: t(lang, 'right', { points: reply.points ?? 0 }) } : { kind: 'error', text: t(lang, 'wrong') };
}

interface PlayProps {
  session: Session;
  round: MyRound;
  onDone: (score: number) => void;
  onLeave: () => void;
  /** The token is no good any more (a new PIN, the account locked): back to sign-in. */
  onSignedOut: (why: SignedOutWhy) => void;
}

/** A window round: questions one after another on the participant's own clock. */
export function Attempt({ session, round, onDone, onLeave, onSignedOut }: PlayProps) {
  const { lang } = session;
  const [attemptId, setAttemptId] = useState<number | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const [endsAt, setEndsAt] = useState(0);
  const [score, setScore] = useState(0);
  const [sending, setSending] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [error, setError] = useState('');
  const alive = useRef(true);

  const show = (next: Question | null, finished: boolean, total: number) => {
    setScore(total);
    if (finished || !next) return onDone(total);
    setQuestion(next);
    setEndsAt(localDeadline(next));
  };

  const send = async (id: number, questionId: number, choiceIds: number[]) => {
    pendingStore.set(JSON.stringify({ attemptId: id, questionId, choiceIds } satisfies Pending));
    setSending(true);
    setError('');
    // Retried until the server answers: the same answer twice is recorded once and gets the same reply.
    for (let wait = 1000; alive.current; wait = Math.min(wait * 2, 5000)) {
      try {
        const reply = await api<AnswerReply>(session, 'POST', `/api/attempts/${id}/answers`, { questionId, choiceIds }, 10_000);
        pendingStore.set(null);
        setRetrying(false);
        setSending(false);
        setFeedback(feedbackOf(lang, reply));
        setScore(reply.score);
        await pause(1200);
        setFeedback(null);
        return show(reply.next, reply.finished, reply.score);
      } catch (e) {
        if (e instanceof NetworkError || (e instanceof ApiError && e.status >= 500)) {
          setRetrying(true);
          await pause(wait);
          continue;
        }
        pendingStore.set(null);
        setRetrying(false);
        setSending(false);
        const why = signedOutBy(e);
        if (why) return onSignedOut(why);
        const body = e instanceof ApiError ? e.body : {};
        if (body.code === 'ATTEMPT_FINISHED' || body.code === 'ROUND_CLOSED') return onDone(score);
        if (body.next) {
          setFeedback({ kind: 'warn', text: body.code === 'DEADLINE_PASSED' ? t(lang, 'timeUp') : (e as Error).message });
          await pause(1500);
          setFeedback(null);
          return show(body.next as Question, false, score);
        }
        setError((e as Error).message);
        return;
      }
    }
  };

  useEffect(() => {
    alive.current = true;
    api<AttemptView>(session, 'POST', `/api/rounds/${round.id}/attempts`).then(
      (view) => {
        setAttemptId(view.attemptId);
        show(view.question, view.finished, view.score);
        const pending = JSON.parse(pendingStore.get() ?? 'null') as Pending | null;
        if (pending && pending.attemptId === view.attemptId && pending.questionId === view.question?.id) void send(pending.attemptId, pending.questionId, pending.choiceIds);
      },
      (e: Error) => {
        const why = signedOutBy(e);
        if (why) onSignedOut(why);
        else setError(e.message);
      },
    );
    return () => {
      alive.current = false;
    };
  }, [round.id]);

  // When the time is up, the server records the miss once its grace has passed and sends the next question.
  const timeUp = async () => {
    setFeedback({ kind: 'warn', text: t(lang, 'timeUp') });
    const questionId = question?.id;
    for (let tries = 0; alive.current && tries < 30; tries++) {
      await pause(1000);
      try {
        const view = await api<AttemptView>(session, 'GET', `/api/attempts/${attemptId}`);
        if (view.finished || view.question?.id !== questionId) {
          setFeedback(null);
          return show(view.question, view.finished, view.score);
        }
      } catch (e) {
        const why = signedOutBy(e);
        if (why) return onSignedOut(why);
        // Offline for a moment: try again.
      }
    }
  };

  if (!question) {
    return (
      <section>
        <Note kind="error">{error}</Note>
        <button type="button" class="secondary" onClick={onLeave}>
          {t(lang, 'back')}
        </button>
      </section>
    );
  }
  return (
    <QuestionCard
      key={question.id}
      lang={lang}
      question={question}
      endsAt={endsAt}
      scoreLabel={scoreLine(lang, round, score)}
      locked={sending || !!feedback}
      status={sending ? (retrying ? t(lang, 'retrying') : t(lang, 'sending')) : ''}
      feedback={feedback}
      error={error}
      onAnswer={(choiceIds) => attemptId && send(attemptId, question.id, choiceIds)}
      onTimeUp={timeUp}
    />
  );
}

interface Reveal {
  questionId: number;
  correctChoiceIds?: number[];
  counts: Record<string, number>;
  answered: number;
}

/** A host-paced round: questions arrive over the socket as the host shows them. */
export function LiveRound({ session, round, onDone, onLeave, onSignedOut }: PlayProps) {
  const { lang } = session;
  const [question, setQuestion] = useState<Question | null>(null);
  const [endsAt, setEndsAt] = useState(0);
  const [score, setScore] = useState(round.score);
  const [answered, setAnswered] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [connected, setConnected] = useState(true);
  const [error, setError] = useState('');
  const socket = useRef<Socket | null>(null);
  const scoreRef = useRef(score);
  scoreRef.current = score;
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  useEffect(() => {
    const live = connectLive(session.token!);
    socket.current = live;
    const showQuestion = (next: Question | null) => {
      if (!next) return;
      setQuestion((current) => {
        if (current?.id !== next.id) {
          setAnswered(null);
          setFeedback(null);
          setReveal(null);
        }
        return next;
      });
      setEndsAt(localDeadline(next));
    };
    // Joining again after a reconnect puts the socket back in the round's room.
    live.on('connect', async () => {
      setConnected(true);
      try {
        const joined = await ask<{ ok: boolean; message?: string; score?: number; question?: Question | null; finished?: boolean }>(live, 'live:join', { roundId: round.id });
        if (!joined.ok) return setError(String(joined.message));
        setScore(joined.score ?? 0);
        showQuestion(joined.question ?? null);
      } catch {
        live.disconnect().connect();
      }
    });
    live.on('disconnect', () => setConnected(false));
    // The server closes the socket of a session it ended; reconnecting with that token would only be refused again.
    onSessionEnded(live, () => {
      live.disconnect();
      onSignedOut('ended');
    });
    live.on('live:question', (event: { roundId: number; question: Question }) => event.roundId === round.id && showQuestion(event.question));
    live.on('live:reveal', (event: Reveal & { roundId: number }) => event.roundId === round.id && setReveal(event));
    live.on('live:end', (event: { roundId: number }) => event.roundId === round.id && onDone(scoreRef.current));
    live.on('round:status', (event: { roundId: number; status: string }) => event.roundId === round.id && event.status === 'closed' && onDone(scoreRef.current));
    return () => {
      live.removeAllListeners();
      live.disconnect();
    };
  }, [round.id]);

  const send = async (choiceIds: number[]) => {
    if (!question || !socket.current) return;
    setSending(true);
    setError('');
    // Until acknowledged, or the page has left the round (signed out, say).
    for (let wait = 1000; alive.current; wait = Math.min(wait * 2, 5000)) {
      try {
        const ack = await ask<{ ok: boolean; message?: string } & AnswerReply>(socket.current, 'live:answer', { roundId: round.id, questionId: question.id, choiceIds });
        setSending(false);
        if (!ack.ok) return setError(String(ack.message));
        setAnswered(question.id);
        setScore(ack.score);
        setFeedback(feedbackOf(lang, ack));
        return;
      } catch {
        await pause(wait);
      }
    }
  };

  if (!question) {
    return (
      <section class="card">
        {!connected && <Note kind="warn">{t(lang, 'connecting')}</Note>}
        <p class="waiting">{t(lang, 'waitingHost')}</p>
        <p>{scoreLine(lang, round, score)}</p>
        <Note kind="error">{error}</Note>
        <button type="button" class="secondary" onClick={onLeave}>
          {t(lang, 'back')}
        </button>
      </section>
    );
  }
  return (
    <>
      {!connected && <Note kind="warn">{t(lang, 'connecting')}</Note>}
      <QuestionCard
        key={question.id}
        lang={lang}
        question={question}
        endsAt={endsAt}
        scoreLabel={scoreLine(lang, round, score)}
        locked={sending || answered === question.id || !!reveal}
        status={sending ? t(lang, 'sending') : answered === question.id && !reveal ? t(lang, 'liveAnswered') : ''}
        feedback={feedback}
        error={error}
        reveal={reveal?.questionId === question.id ? reveal : null}
        onAnswer={send}
        onTimeUp={() => undefined}
      />
    </>
  );
}

/** One question: big touch targets, a countdown, the reply once it comes. */
function QuestionCard(props: {
  lang: Lang;
  question: Question;
  endsAt: number;
  scoreLabel: string;
  locked: boolean;
  status: string;
  feedback: Feedback;
  error: string;
  reveal?: Reveal | null;
  onAnswer: (choiceIds: number[]) => void;
  onTimeUp: () => void;
}) {
  const { lang, question, endsAt, locked, reveal } = props;
  const [now, setNow] = useState(Date.now());
  const [picked, setPicked] = useState<number[]>([]);
  const total = question.secondsLeft * 1000 || 1;
  const left = Math.max(0, endsAt - now);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left === 0 && !locked) props.onTimeUp();
  }, [left === 0]);

  const many = question.type === 'multiple';
  const choose = (id: number) => {
    if (locked || left === 0) return;
    if (!many) {
      setPicked([id]);
      return props.onAnswer([id]);
    }
    setPicked((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));
  };

  return (
    <section class="card question" aria-live="polite">
      <div class="spread">
        <span class="muted">{t(lang, 'questionOf', { index: question.index + 1, count: question.count })}</span>
        <strong>{props.scoreLabel}</strong>
      </div>
      <div class={`countdown${left < 5000 ? ' urgent' : ''}`} role="timer" aria-label={t(lang, 'secondsLeft', { time: clock(left / 1000) })}>
        <div class="fill" style={{ width: `${Math.min(100, (left / total) * 100)}%` }} />
        <span>{clock(left / 1000)}</span>
      </div>
      <h1 class="question-text">{question.text}</h1>
      {many && <p class="muted">{t(lang, 'pickMany')}</p>}
      <div class="choices">
        {question.choices.map((choice, i) => {
          const isRight = reveal?.correctChoiceIds?.includes(choice.id);
          const votes = reveal?.counts[String(choice.id)];
          return (
            <button
              type="button"
              key={choice.id}
              class={`choice${picked.includes(choice.id) ? ' picked' : ''}${isRight ? ' right' : ''}`}
              aria-pressed={picked.includes(choice.id)}
              disabled={locked || left === 0}
              onClick={() => choose(choice.id)}
            >
              <span class="letter">{String.fromCharCode(65 + i)}</span>
              <span class="text">{choice.text}</span>
              {votes !== undefined && (
                <span class="votes">
                  {t(lang, 'chose', { count: votes })}
                  {reveal && reveal.answered > 0 ? ` · ${percent(votes / reveal.answered, lang)}` : ''}
                </span>
              )}
            </button>
          );
        })}
      </div>
      {many && !locked && (
        <button type="button" class="wide" disabled={!picked.length || left === 0} onClick={() => props.onAnswer(picked)}>
          {t(lang, 'send')}
        </button>
      )}
      {props.status && (
        <p class="sending" role="status">
          {props.status}
        </p>
      )}
      {props.feedback && <Note kind={props.feedback.kind}>{props.feedback.text}</Note>}
      {reveal?.correctChoiceIds && <Note kind="good">{t(lang, 'revealRight')}</Note>}
      <Note kind="error">{props.error}</Note>
    </section>
  );
}

interface BoardEntry {
  id: number;
  rank: number;
  participants?: number;
  headcount?: number;
  participationRate?: number;
}

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
