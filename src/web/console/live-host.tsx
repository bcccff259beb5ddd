import { useEffect, useRef, useState } from 'preact/hooks';
import { LIVE_EXTENSIONS } from '../../contract/play';
import type { LiveExtend, PlayQuestion } from '../../contract/play';
import { useBusy } from '../shared/busy';
import { localDeadline, useCountdown } from '../shared/countdown';
import { clock, count } from '../shared/format';
import type { LiveReveal } from '../../contract/events';
import { useLiveRound } from '../shared/live-join';
import { Note } from '../shared/ui';
import type { RoundView } from '../../contract/races';
import { Ctx } from './ctx';
import { t } from './words';
import './live-host.css';

type LiveQuestion = PlayQuestion;

/** The host's panel for a live round: next question, its countdown, and the reveal as bars. */
export function LiveHost({ ctx, round, onClose }: { ctx: Ctx; round: RoundView; onClose: () => void }) {
  const { lang, socket } = ctx;
  const [question, setQuestion] = useState<LiveQuestion | null>(null);
  /** The deadline on this device's clock, from the server's secondsLeft when the question arrived. */
  const [endsAt, setEndsAt] = useState(0);
  const [reveal, setReveal] = useState<LiveReveal | null>(null);
  const [ended, setEnded] = useState(round.status === 'closed');
  const { busy, error, run, setProblems } = useBusy();
  const msLeft = useCountdown(endsAt);

  const shown = useRef<LiveQuestion | null>(null);
  const show = (next: LiveQuestion) => {
    const current = shown.current;
    if (current?.id === next.id && current.index === next.index) return;
    shown.current = next;
    setReveal(null);
    setEndsAt(localDeadline(next.secondsLeft));
    setQuestion(next);
  };

  const joined = useLiveRound<LiveQuestion>(socket, round.id, {
    onRefused: (message) => setProblems([message ?? '']),
    onQuestion: show,
    onReveal: (payload) => {
      setReveal(payload);
      setProblems([]);
    },
    onExtend: (extend) => {
      if (shown.current?.id === extend.questionId) setEndsAt(localDeadline(extend.secondsLeft));
    },
    onEnd: () => setEnded(true),
  });

  useEffect(() => {
    if (round.status === 'closed') setEnded(true);
  }, [round.status]);

  const next = () =>
    run(async () => {
      const reply = await ctx.call<{ question: LiveQuestion | null; ended: boolean }>('POST', `/api/rounds/${round.id}/live/next`);
      if (reply.ended) setEnded(true);
      else if (reply.question) show(reply.question);
    });

  const moreTime = (seconds: number) =>
    run(async () => {
      const reply = await ctx.call<LiveExtend>('POST', `/api/rounds/${round.id}/live/extend`, { seconds });
      if (shown.current?.id === reply.questionId) setEndsAt(localDeadline(reply.secondsLeft));
    });

  const left = question ? msLeft / 1000 : 0;
  const shownReveal = reveal && question && reveal.questionId === question.id ? reveal : null;
  const base = shownReveal ? Math.max(1, shownReveal.answered, ...Object.values(shownReveal.counts)) : 1;

  return (
    <section class="card host" aria-labelledby="host-title">
      <div class="spread">
        <h2 id="host-title">{t(lang, 'hostTitle', { name: round.name })}</h2>
        <span class="row">
          <span class={`dot ${joined ? 'on' : ''}`} aria-hidden="true" />
          <span class="muted small-text">{joined ? t(lang, 'watching') : t(lang, 'connecting')}</span>
          <button type="button" class="secondary small" onClick={onClose}>
            {t(lang, 'closePanel')}
          </button>
        </span>
      </div>
      {ended ? (
        <Note kind="good">{t(lang, 'liveEnded')}</Note>
      ) : (
        <>
          <div class="row">
            <button type="button" disabled={busy} onClick={next}>
              {t(lang, 'nextQuestion')}
            </button>
            {question && (
              <span class={`timer ${left <= 5 ? 'low' : ''}`} role="timer" aria-label={t(lang, 'timeLeft')}>
                {clock(left)}
              </span>
            )}
          </div>
          {question && !shownReveal && left > 0 && (
            <div class="row" role="group" aria-label={t(lang, 'moreTime')}>
              <span>{t(lang, 'moreTime')}:</span>
              {LIVE_EXTENSIONS.map((seconds) => (
                <button
                  key={seconds}
                  type="button"
                  class="secondary small"
                  disabled={busy}
                  aria-label={t(lang, 'moreTimeBy', { seconds })}
                  onClick={() => moreTime(seconds)}
                >
                  +{seconds} s
                </button>
              ))}
            </div>
          )}
          {error && <Note kind="warn">{error}</Note>}
          {!question && <p class="muted">{t(lang, 'hostHelp')}</p>}
        </>
      )}
      {question && (
        <div class="host-question">
          <p class="muted">{t(lang, 'questionOf', { index: question.index + 1, count: question.count })}</p>
          <h3>{question.text}</h3>
          <ol class="bars" type="A">
            {question.choices.map((choice) => {
              const n = shownReveal?.counts[String(choice.id)] ?? 0;
              const right = shownReveal?.correctChoiceIds?.includes(choice.id) ?? false;
              return (
                <li key={choice.id} class={right ? 'right' : ''}>
                  <div class="spread">
                    <span>
                      {choice.text}
                      {right && <strong> ✓ {t(lang, 'correct')}</strong>}
                    </span>
                    {shownReveal && <span class="num">{t(lang, 'chose', { count: count(n, lang) })}</span>}
                  </div>
                  {shownReveal && (
                    <div class="bar" aria-hidden="true">
                      <span style={{ width: `${(n / base) * 100}%` }} />
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
          {shownReveal ? (
            <p>{t(lang, 'answeredCount', { count: count(shownReveal.answered, lang) })}</p>
          ) : (
            <p class="muted">{left > 0 ? t(lang, 'waitReveal') : t(lang, 'revealSoon')}</p>
          )}
        </div>
      )}
    </section>
  );
}
