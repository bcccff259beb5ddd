import { useEffect, useRef, useState } from 'preact/hooks';
import type { AnswerReply, AttemptView as Attempt, PlayQuestion as Question } from '../../contract/play';
import { ApiError, NetworkError, api, storedToken } from '../shared/api';
import { localDeadline } from '../shared/countdown';
import { Note } from '../shared/ui';
import { Feedback, PlayProps, QuestionCard, feedbackOf, pause, scoreLine } from './question';
import { signedOutBy } from './session';
import { t } from './words';

type AttemptView = Pick<Attempt, 'attemptId' | 'score' | 'finished' | 'question'>;

/** An answer not yet acknowledged, kept on the device so a reload sends it again. */
const pendingStore = storedToken('ai-race:pending');
interface Pending {
  attemptId: number;
  questionId: number;
  choiceIds: number[];
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
    setEndsAt(localDeadline(next.secondsLeft));
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
        if (pending && pending.attemptId === view.attemptId && pending.questionId === view.question?.id)
          void send(pending.attemptId, pending.questionId, pending.choiceIds);
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
