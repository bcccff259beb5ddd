import { useEffect, useState } from 'preact/hooks';
import { Session } from '../shared/api';
import { useCountdown } from '../shared/countdown';
import { clock, percent } from '../shared/format';
import type { LiveReveal } from '../../contract/events';
import type { AnswerReply, MyRound, PlayQuestion as Question } from '../../contract/play';
import { Lang } from '../shared/i18n';
import { Note } from '../shared/ui';
import { SignedOutWhy } from './session';
import { t } from './words';

export type Feedback = { kind: 'good' | 'error' | 'warn'; text: string } | null;

export interface PlayProps {
  session: Session;
  round: MyRound;
  onDone: (score: number) => void;
  onLeave: () => void;
  /** The token is no good any more (a new PIN, the account locked): back to sign-in. */
  onSignedOut: (why: SignedOutWhy) => void;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The score line, or why there is none yet. */
export const scoreLine = (lang: Lang, round: MyRound, score: number) => (round.scoresHeld ? t(lang, 'scoreLater') : t(lang, 'score', { score }));

export function feedbackOf(lang: Lang, reply: AnswerReply): Feedback {
  if (reply.correct === undefined) return { kind: 'good', text: t(lang, 'recorded') };
  return reply.correct ? { kind: 'good', text: t(lang, 'right', { points: reply.points ?? 0 }) } : { kind: 'error', text: t(lang, 'wrong') };
}

/** One question: big touch targets, a countdown, the reply once it comes. */
export function QuestionCard(props: {
  lang: Lang;
  question: Question;
  endsAt: number;
  scoreLabel: string;
  locked: boolean;
  status: string;
  feedback: Feedback;
  error: string;
  reveal?: LiveReveal | null;
  onAnswer: (choiceIds: number[]) => void;
  onTimeUp: () => void;
}) {
  const { lang, question, endsAt, locked, reveal } = props;
  const [picked, setPicked] = useState<number[]>([]);
  const total = question.secondsLeft * 1000 || 1;
  const left = useCountdown(endsAt);

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
