import { Lang } from './i18n';

/** Dates are shown in Vietnam's time wherever the device is. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh';

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

/** A datetime-local value read as Vietnam's time (UTC+7 all year, no daylight saving) → ISO. */
export function fromLocalInput(value: string): string | undefined {
  return value ? new Date(`${value}:00+07:00`).toISOString() : undefined;
}
