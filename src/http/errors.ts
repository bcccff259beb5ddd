import { ERRORS, ErrorCode, ErrorValues, errorText } from '../contract/errors';
import { AppException } from './app-exception';

/** Refusals by code: the status and both wordings come from the catalogue (contract/errors.ts). */
export const Errors = {
  of: <C extends ErrorCode>(code: C, ...values: ErrorValues<C>): AppException => new AppException(ERRORS[code].status, code, errorText(code, ...values)),
  notSignedIn: () => Errors.of('NOT_SIGNED_IN'),
  forbidden: () => Errors.of('FORBIDDEN'),
  outOfScope: () => Errors.of('OUT_OF_SCOPE'),
  notFound: (what: { vi: string; en: string }, key: string | number) => Errors.of('NOT_FOUND', what, key),
};

export const What = {
  unit: { vi: 'đơn vị', en: 'unit' },
  clan: { vi: 'dòng họ', en: 'clan' },
  participant: { vi: 'người dự thi', en: 'participant' },
  organiser: { vi: 'người tổ chức', en: 'organiser' },
  screenToken: { vi: 'mã màn hình', en: 'screen token' },
  question: { vi: 'câu hỏi', en: 'question' },
  race: { vi: 'cuộc đua', en: 'race' },
  round: { vi: 'vòng thi', en: 'round' },
  attempt: { vi: 'lượt thi', en: 'attempt' },
};
