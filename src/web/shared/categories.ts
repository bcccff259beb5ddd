import { Lang, translator } from './i18n';

/**
 * Unit categories by the code the API sends (a unit's `category`, a category board entry's `id`);
 * the names the API sends with them are Vietnamese whatever the page's language.
 */
const WORDS = {
  district_office: ['Cơ quan, đơn vị cấp huyện', 'District offices'],
  commune: ['Xã, thị trấn', 'Communes and town'],
  school: ['Trường học', 'Schools'],
  other: ['Khác', 'Other'],
} satisfies Record<string, [vi: string, en: string]>;

type CategoryCode = keyof typeof WORDS;
export const CATEGORY_CODES = Object.keys(WORDS) as CategoryCode[];

const t = translator(WORDS);

/** A category's name in the page's language; `fallback` (the API's name) for a code this page does not know. */
export const categoryName = (lang: Lang, code: string | number, fallback: string): string =>
  String(code) in WORDS ? t(lang, String(code) as CategoryCode) : fallback;
