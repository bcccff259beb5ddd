import { Lang } from '../shared/i18n';
import { t } from './words';

/** The server's rule, checked here first so a typo costs no round trip (nor a counted try). */
const MIN_PASSWORD = 10;

/** What is wrong with a new password and its repetition, before the server is asked. */
export function passwordProblems(lang: Lang, password: string, repeat: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD) problems.push(t(lang, 'passwordTooShort'));
  if (password !== repeat) problems.push(t(lang, 'passwordsDiffer'));
  return problems;
}
