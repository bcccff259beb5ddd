import { useEffect, useRef, useState } from 'preact/hooks';
import { localDeadline } from '../shared/countdown';
import { ask } from '../shared/live';
import type { LiveReveal } from '../../contract/events';
import type { AnswerReply, PlayQuestion as Question } from '../../contract/play';
import { useLiveRound, useLiveSocket } from '../shared/live-join';
import { Note } from '../shared/ui';
import { Feedback, PlayProps, QuestionCard, feedbackOf, pause, scoreLine } from './question';
import { t } from './words';

/** A host-paced round: questions arrive over the socket as the host shows them. */
export function LiveRound({ session, round, onDone, onLeave, onSignedOut }: PlayProps) {
  const { lang } = session;
  const [question, setQuestion] = useState<Question | null>(null);
  const [endsAt, setEndsAt] = useState(0);
  const [score, setScore] = useState(round.score);
  const [answered, setAnswered] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [reveal, setReveal] = useState<LiveReveal | null>(null);
  /** The question the host gave more time, said once in words (the countdown itself is not announced every second). */
  const [extendedFor, setExtendedFor] = useState<number | null>(null);
  const [error, setError] = useState('');
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  // The server closes the socket of a session it ended; reconnecting with that token would only be refused again.
  const { socket, online } = useLiveSocket(session.token, round.id, () => onSignedOut('ended'));

  const showQuestion = (next: Question | null | undefined) => {
    if (!next) return;
    setQuestion((current) => {
      if (current?.id !== next.id) {
        setAnswered(null);
        setFeedback(null);
        setReveal(null);
      }
      return next;
    });
    setEndsAt(localDeadline(next.secondsLeft));
  };

  useLiveRound<Question>(socket, round.id, {
    onJoined: (joined) => {
      setScore(joined.score ?? 0);
      showQuestion(joined.question);
    },
    onRefused: (message) => setError(String(message)),
    // Unanswered: a fresh connection joins again.
    onUnanswered: () => socket?.disconnect().connect(),
    onQuestion: showQuestion,
    onReveal: setReveal,
    // More time for everyone: the countdown (and its bar) start again from what is left.
    onExtend: (extend) => {
      if (question?.id !== extend.questionId) return;
      setQuestion({ ...question, deadline: extend.deadline, secondsLeft: extend.secondsLeft });
      setEndsAt(localDeadline(extend.secondsLeft));
      setExtendedFor(extend.questionId);
    },
    onEnd: () => onDone(score),
    onClosed: () => onDone(score),
  });

  const send = async (choiceIds: number[]) => {
    if (!question || !socket) return;
    setSending(true);
    setError('');
    // Until acknowledged, or the page has left the round (signed out, say).
    for (let wait = 1000; alive.current; wait = Math.min(wait * 2, 5000)) {
      try {
        const ack = await ask<{ ok: boolean; message?: string } & AnswerReply>(socket, 'live:answer', {
          roundId: round.id,
          questionId: question.id,
          choiceIds,
        });
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
        {!online && <Note kind="warn">{t(lang, 'connecting')}</Note>}
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
      {!online && <Note kind="warn">{t(lang, 'connecting')}</Note>}
      <QuestionCard
        key={question.id}
        lang={lang}
        question={question}
        endsAt={endsAt}
        scoreLabel={scoreLine(lang, round, score)}
        locked={sending || answered === question.id || !!reveal}
        status={
          sending
            ? t(lang, 'sending')
            : answered === question.id && !reveal
              ? t(lang, 'liveAnswered')
              : extendedFor === question.id && !reveal
                ? t(lang, 'moreTimeGiven')
                : ''
        }
        feedback={feedback}
        error={error}
        reveal={reveal?.questionId === question.id ? reveal : null}
        onAnswer={send}
        onTimeUp={() => undefined}
      />
    </>
  );
}
