import { Lang } from './i18n';

/** Dates are shown in Vietnam's time wherever the device is. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

export function dateTime(value: string | number | Date | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  return new Intl.DateTimeFormat(locale(lang), { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }).format(new Date(value));
}

/** A rate from 0 to 1 as a percentage with two decimals, as the district reports it (95,00%). */
export function percent(rate: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(rate);
}

export function count(value: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 }).format(value);
}

/** `mm:ss` for a countdown. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** `YYYY-MM-DDTHH:mm` in Vietnam's time, for a datetime-local input. */
export function toLocalInput(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(value))
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A datetime-local value read as Vietnam's time (UTC+7 all year, no daylight saving) → ISO. */
export function fromLocalInput(value: string): string | undefined {
  return value ? new Date(`${value}:00+07:00`).toISOString() : undefined;
}
