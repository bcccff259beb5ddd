import { ComponentChildren } from 'preact';
import { Lang } from './i18n';

/** The Tiếng Việt / English switch shown on every page. */
export function LangSwitch({ lang, onChange }: { lang: Lang; onChange: (lang: Lang) => void }) {
  return (
    <span class="lang" role="group" aria-label="Ngôn ngữ / Language">
      <button type="button" aria-pressed={lang === 'vi'} onClick={() => onChange('vi')}>
        Tiếng Việt
      </button>
      <button type="button" aria-pressed={lang === 'en'} onClick={() => onChange('en')}>
        English
      </button>
    </span>
  );
}

export function Note({ kind, children }: { kind: 'error' | 'good' | 'warn'; children: ComponentChildren }) {
  if (!children) return null;
  return (
    <div class={`note ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
