export type Language = 'vi' | 'en';

/** Vietnamese unless the client prefers English over it (Accept-Language, with q-values). */
export function preferredLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1, order };
    })
    .filter((entry) => entry.tag === 'vi' || entry.tag === 'en')
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.tag === 'en' ? 'en' : 'vi';
}

export interface Bilingual {
  vi: string;
  en: string;
}
