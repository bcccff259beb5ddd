import { Lang } from '../shared/i18n';
import { t } from './words';

/** A form's submit ("Lưu") and cancel buttons. */
export function SaveOrCancel({ lang, busy, onCancel }: { lang: Lang; busy: boolean; onCancel: () => void }) {
  return (
    <>
      <button type="submit" disabled={busy}>
        {t(lang, 'save')}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        {t(lang, 'cancel')}
      </button>
    </>
  );
}

export function Problems({ list }: { list: string[] }) {
  if (!list.length) return null;
  return (
    <div class="note error" role="alert">
      {list.length === 1 ? (
        list[0]
      ) : (
        <ul class="plain">
          {list.map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
