import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { messageOf, problemsOf, useBusy } from '../shared/busy';
import { count } from '../shared/format';
import { Note } from '../shared/ui';
import { Ctx, query } from './ctx';
import { Problems, SaveOrCancel } from './forms';
import { Pager } from './turnout';
import { t } from './words';
import type { QuestionType } from '../../contract/play';
import type { QuestionPage, QuestionView, TopicCount } from '../../contract/questions';
import './bank.css';

const SIZE = 20;
const TYPE_WORDS = { single: 'typeSingle', multiple: 'typeMultiple', truefalse: 'typeTrueFalse' } as const;

export function Bank({ ctx }: { ctx: Ctx }) {
  const { lang } = ctx;
  const [topics, setTopics] = useState<TopicCount[]>([]);
  const [topic, setTopic] = useState('');
  const [includeRetired, setIncludeRetired] = useState(false);
  const [own, setOwn] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<QuestionPage | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');

  const loadTopics = () => ctx.call<TopicCount[]>('GET', '/api/questions/topics').then(setTopics, () => undefined);
  const load = () =>
    ctx
      .call<QuestionPage>('GET', `/api/questions${query({ topic, limit: SIZE, offset, includeRetired: includeRetired || undefined, own: own || undefined })}`)
      .then(
        (reply) => {
          setPage(reply);
          setError('');
        },
        (e) => setError(messageOf(e)),
      );

  useEffect(() => void loadTopics(), [ctx.session.token]);
  useEffect(() => void load(), [topic, offset, includeRetired, own]);

  const replaced = (next: QuestionView) => {
    setPage((current) => current && { ...current, items: current.items.map((item) => (item.id === next.id ? next : item)) });
    void loadTopics();
  };

  return (
    <div>
      <h1>{t(lang, 'bankTitle')}</h1>
      <div class="card row filters">
        <label for="bank-topic" class="inline">
          {t(lang, 'topic')}
        </label>
        <select
          id="bank-topic"
          class="auto"
          value={topic}
          onChange={(e) => {
            setTopic(e.currentTarget.value);
            setOffset(0);
          }}
        >
          <option value="">{t(lang, 'allTopics')}</option>
          {topics.map((item) => (
            <option key={item.topic} value={item.topic}>
              {t(lang, 'topicCount', { topic: item.topic, count: item.count })}
            </option>
          ))}
        </select>
        <label class="check inline">
          <input
            type="checkbox"
            checked={includeRetired}
            onChange={(e) => {
              setIncludeRetired(e.currentTarget.checked);
              setOffset(0);
            }}
          />
          {t(lang, 'includeRetired')}
        </label>
        <label class="check inline">
          <input
            type="checkbox"
            checked={own}
            onChange={(e) => {
              setOwn(e.currentTarget.checked);
              setOffset(0);
            }}
          />
          {t(lang, 'onlyMine')}
        </label>
        {page && <span class="muted">{t(lang, 'questionsTotal', { count: count(page.total, lang) })}</span>}
      </div>
      <Note kind="error">{error}</Note>
      <Note kind="good">{notice}</Note>
      {page?.items.length === 0 && <p class="muted">{t(lang, 'noQuestions')}</p>}
      {page?.items.map((question) => (
        <QuestionCard
          key={question.id}
          ctx={ctx}
          question={question}
          topics={topics}
          onChanged={replaced}
          onRetired={() => void load()}
          onVersioned={(id) => {
            setNotice(t(lang, 'versionMade', { id }));
            void load();
            void loadTopics();
          }}
        />
      ))}
      {page && <Pager lang={lang} offset={offset} size={SIZE} total={page.total} onMove={setOffset} />}
    </div>
  );
}

function QuestionCard(props: {
  ctx: Ctx;
  question: QuestionView;
  topics: TopicCount[];
  onChanged: (q: QuestionView) => void;
  onRetired: () => void;
  onVersioned: (id: number) => void;
}) {
  const { ctx, question, topics, onChanged, onRetired, onVersioned } = props;
  const { lang } = ctx;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useBusy();
  const [done, setDone] = useState('');

  const retire = () =>
    run(async () => {
      await ctx.call('DELETE', `/api/questions/${question.id}`);
      setConfirming(false);
      onRetired();
    });
  const restore = () =>
    run(async () => {
      onChanged(await ctx.call<QuestionView>('PATCH', `/api/questions/${question.id}`, { retired: false }));
      setDone(t(lang, 'restored'));
    });

  const headingId = `q-${question.id}`;
  return (
    <article class={`card question ${question.retired ? 'retired' : ''}`} aria-labelledby={headingId} data-question-id={String(question.id)}>
      <p class="muted small-text meta">
        #{question.id} · {t(lang, TYPE_WORDS[question.type])} · {question.topic ?? t(lang, 'noTopic')} · {t(lang, 'difficultyN', { n: question.difficulty })}
        {' · '}
        {question.unitId === null ? t(lang, 'districtQuestion') : t(lang, 'ownedBy', { unit: question.unitName ?? `#${question.unitId}` })}
        {question.replaces !== null && <> · {t(lang, 'replacesN', { id: question.replaces })}</>}
        {question.replacedBy !== null && <> · {t(lang, 'replacedByN', { id: question.replacedBy })}</>}
        {question.retired && <span class="badge closed">{t(lang, 'retired')}</span>}
        {!question.editable && <span class="badge">{t(lang, 'readOnly')}</span>}
      </p>
      {editing ? (
        <EditForm
          ctx={ctx}
          question={question}
          topics={topics}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            setDone(t(lang, 'saved'));
            onChanged(next);
          }}
          onVersioned={onVersioned}
        />
      ) : (
        <>
          <h3 id={headingId}>{question.text}</h3>
          <ol type="A" class="choices">
            {question.choices.map((choice) => (
              <li key={choice.id} class={choice.correct ? 'right' : ''}>
                {choice.text}
                {choice.correct && <strong class="tick"> ✓ {t(lang, 'correct')}</strong>}
              </li>
            ))}
          </ol>
          {question.explanation && (
            <p class="small-text">
              <strong>{t(lang, 'explanation')}:</strong> {question.explanation}
            </p>
          )}
          <Note kind="good">{done}</Note>
          <Note kind="error">{error}</Note>
          {!question.editable && <p class="muted small-text">{t(lang, 'readOnlyHelp')}</p>}
          {question.editable && (
            <div class="row">
              <button type="button" class="secondary small" onClick={() => setEditing(true)}>
                {t(lang, 'edit')}
              </button>
              {question.retired ? (
                <button type="button" class="secondary small" disabled={busy} onClick={restore}>
                  {t(lang, 'restore')}
                </button>
              ) : confirming ? (
                <span class="confirm row" role="group" aria-label={t(lang, 'retireAsk')}>
                  <span>{t(lang, 'retireAsk')}</span>
                  <button type="button" class="danger small" disabled={busy} onClick={retire} ref={(el) => el?.focus()}>
                    {t(lang, 'retireConfirm')}
                  </button>
                  <button type="button" class="secondary small" onClick={() => setConfirming(false)}>
                    {t(lang, 'cancel')}
                  </button>
                </span>
              ) : (
                <button type="button" class="danger small" onClick={() => setConfirming(true)}>
                  {t(lang, 'retire')}
                </button>
              )}
            </div>
          )}
        </>
      )}
    </article>
  );
}

function EditForm(props: {
  ctx: Ctx;
  question: QuestionView;
  topics: TopicCount[];
  onCancel: () => void;
  onSaved: (q: QuestionView) => void;
  onVersioned: (id: number) => void;
}) {
  const { ctx, question, topics, onCancel, onSaved, onVersioned } = props;
  const { lang } = ctx;
  const [type, setType] = useState<QuestionType>(question.type);
  const [text, setText] = useState(question.text);
  const [choices, setChoices] = useState(question.choices.map(({ text: choiceText, correct }) => ({ text: choiceText, correct: !!correct })));
  const [topic, setTopic] = useState(question.topic ?? '');
  const [difficulty, setDifficulty] = useState(question.difficulty);
  const [explanation, setExplanation] = useState(question.explanation ?? '');
  const { busy, problems, run } = useBusy();
  // A dealt question refused the change (409 QUESTION_IN_USE): the same content can become a new version.
  const [inUse, setInUse] = useState(false);
  const id = (name: string) => `edit-${question.id}-${name}`;
  const body = () => ({
    type,
    text: text.trim(),
    choices: choices.map((choice) => ({ text: choice.text.trim(), correct: choice.correct })),
    topic: topic.trim() || null,
    difficulty,
    explanation: explanation.trim() || null,
  });

  const setChoice = (index: number, change: Partial<{ text: string; correct: boolean }>) =>
    setChoices(
      choices.map((choice, i) => (i === index ? { ...choice, ...change } : type !== 'multiple' && change.correct ? { ...choice, correct: false } : choice)),
    );

  const save = (event: Event) => {
    event.preventDefault();
    setInUse(false);
    void run(
      async () => onSaved(await ctx.call<QuestionView>('PATCH', `/api/questions/${question.id}`, body())),
      (e) => {
        setInUse(e instanceof ApiError && e.body.code === 'QUESTION_IN_USE');
        return problemsOf(e);
      },
    );
  };
  const makeVersion = () =>
    run(async () => {
      const made = await ctx.call<QuestionView>('POST', `/api/questions/${question.id}/versions`, body());
      setInUse(false);
      onVersioned(made.id);
    });

  return (
    <form onSubmit={save} class="edit">
      <h3 id={`q-${question.id}`}>{t(lang, 'editQuestion', { id: question.id })}</h3>
      <div class="grid3">
        <div>
          <label for={id('type')}>{t(lang, 'questionType')}</label>
          <select id={id('type')} value={type} onChange={(e) => setType(e.currentTarget.value as QuestionType)}>
            {(['single', 'multiple', 'truefalse'] as const).map((name) => (
              <option key={name} value={name}>
                {t(lang, TYPE_WORDS[name])}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for={id('topic')}>{t(lang, 'topic')}</label>
          <input id={id('topic')} list={id('topics')} maxLength={100} value={topic} onInput={(e) => setTopic(e.currentTarget.value)} />
          <datalist id={id('topics')}>
            {topics.map((item) => (
              <option key={item.topic} value={item.topic} />
            ))}
          </datalist>
        </div>
        <div>
          <label for={id('difficulty')}>{t(lang, 'difficulty')}</label>
          <select id={id('difficulty')} value={difficulty} onChange={(e) => setDifficulty(Number(e.currentTarget.value))}>
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {t(lang, 'difficultyN', { n })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label for={id('text')}>{t(lang, 'questionText')}</label>
      <textarea id={id('text')} rows={3} required maxLength={2000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <fieldset>
        <legend>{t(lang, 'choicesLegend')}</legend>
        {choices.map((choice, index) => {
          const letter = String.fromCharCode(65 + index);
          return (
            <div class="choice-edit" key={index}>
              <span class="letter" aria-hidden="true">
                {letter}
              </span>
              <input
                aria-label={t(lang, 'choiceN', { letter })}
                required
                maxLength={1000}
                value={choice.text}
                onInput={(e) => setChoice(index, { text: e.currentTarget.value })}
              />
              <label class="check inline">
                <input type="checkbox" checked={choice.correct} onChange={(e) => setChoice(index, { correct: e.currentTarget.checked })} />
                {t(lang, 'correct')}
                <span class="sr-only"> ({letter})</span>
              </label>
              <button
                type="button"
                class="secondary small"
                disabled={choices.length <= 2}
                aria-label={t(lang, 'removeChoiceN', { letter })}
                onClick={() => setChoices(choices.filter((_c, i) => i !== index))}
              >
                ✕
              </button>
            </div>
          );
        })}
        <button type="button" class="secondary small" disabled={choices.length >= 8} onClick={() => setChoices([...choices, { text: '', correct: false }])}>
          {t(lang, 'addChoice')}
        </button>
      </fieldset>
      <label for={id('explanation')}>{t(lang, 'explanation')}</label>
      <textarea id={id('explanation')} rows={2} maxLength={2000} value={explanation} onInput={(e) => setExplanation(e.currentTarget.value)} />
      {inUse ? (
        <div class="note warn" role="alert">
          <p>{t(lang, 'inUseHelp')}</p>
          <button type="button" class="small" disabled={busy} onClick={makeVersion}>
            {t(lang, 'makeVersion')}
          </button>
        </div>
      ) : (
        <Problems list={problems} />
      )}
      <div class="row buttons">
        <SaveOrCancel lang={lang} busy={busy} onCancel={onCancel} />
      </div>
    </form>
  );
}
