import { AppException } from './app-exception';

/** The refusals every feature uses, worded once in both languages. */
export const Errors = {
  notSignedIn: () =>
    new AppException(401, 'NOT_SIGNED_IN', { vi: 'Bạn cần đăng nhập', en: 'Sign in first' }),
  forbidden: () =>
    new AppException(403, 'FORBIDDEN', {
      vi: 'Bạn không có quyền thực hiện thao tác này',
      en: 'You are not allowed to do this',
    }),
  outOfScope: () =>
    new AppException(403, 'OUT_OF_SCOPE', {
      vi: 'Đơn vị này nằm ngoài phạm vi bạn quản lý',
      en: 'This is outside the units you manage',
    }),
  notFound: (what: { vi: string; en: string }, key: string | number) =>
    new AppException(404, 'NOT_FOUND', { vi: `Không tìm thấy ${what.vi} «${key}»`, en: `No ${what.en} "${key}"` }),
  conflict: (code: string, vi: string, en: string) => new AppException(409, code, { vi, en }),
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
};
