/** Both wordings of a refusal: Vietnamese for the people racing, English as the second language. */
export interface ErrorText {
  vi: string;
  en: string;
}

type Wording = ErrorText | ((...values: never[]) => ErrorText);

/** What a round's settings can get wrong (ROUND_INVALID). */
export type RoundProblem = 'ends-first' | 'closes-first' | 'ids-or-draw' | 'listed-twice' | { missing: number[] } | { available: number; count: number };

/** Why an uploaded file could not be imported (IMPORT_INVALID). */
export type ImportProblem = 'empty' | 'unreadable' | 'see-errors' | { rosterProblems: number } | { questionProblems: number };

const ROUND_PROBLEMS = {
  'ends-first': { vi: 'Thời gian kết thúc phải sau thời gian bắt đầu', en: 'endsAt must be after startsAt' },
  'closes-first': { vi: 'Giờ đóng vòng phải sau giờ mở', en: 'closesAt must be after opensAt' },
  'ids-or-draw': {
    vi: 'Chọn danh sách câu hỏi (questionIds) hoặc rút ngẫu nhiên (draw), một trong hai',
    en: 'Give either questionIds or draw, not both and not neither',
  },
  'listed-twice': { vi: 'Một câu hỏi được chọn hai lần', en: 'A question is listed twice' },
};

const IMPORT_PROBLEMS = {
  empty: { vi: 'Tệp tải lên đang trống', en: 'The uploaded file is empty' },
  unreadable: { vi: 'Không đọc được tệp', en: 'The file cannot be read' },
  'see-errors': { vi: 'Không đọc được tệp: hãy xem danh sách lỗi.', en: 'The file cannot be read: see the errors.' },
};

const CHOICE_PROBLEMS = {
  duplicate: { vi: 'Một lựa chọn được gửi hai lần', en: 'A choice is listed twice' },
  'not-offered': { vi: 'Lựa chọn không thuộc câu hỏi này', en: 'A choice does not belong to this question' },
  count: { vi: 'Số lựa chọn không hợp lệ cho loại câu hỏi này', en: 'Wrong number of choices for this kind of question' },
};

/**
 * Every refusal the API and the `/live` socket can send, by code: its HTTP status (decided here
 * only) and its wording in both languages; a wording built from values is a function of them.
 * A code said in several situations takes the situation as its first value.
 */
/**
 * One problem of a refused import or form (the `errors` of a 422), placed where the user finds it:
 * a spreadsheet row (the header is row 1; 0 for the file itself) or a text file's line.
 */
export interface PlacedProblem {
  row?: number;
  line?: number;
  field?: string;
  message: string;
  vi?: string;
}

export const ERRORS = {
  // Who may ask
  NOT_SIGNED_IN: { status: 401, text: { vi: 'Bạn cần đăng nhập', en: 'Sign in first' } },
  FORBIDDEN: { status: 403, text: { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' } },
  OUT_OF_SCOPE: { status: 403, text: { vi: 'Đơn vị này nằm ngoài phạm vi bạn quản lý', en: 'This is outside the units you manage' } },
  NOT_FOUND: {
    status: 404,
    text: (what: ErrorText, key: string | number) => ({ vi: `Không tìm thấy ${what.vi} «${key}»`, en: `No ${what.en} "${key}"` }),
  },

  // Signing in and sessions
  BAD_CREDENTIALS: { status: 401, text: { vi: 'Sai thông tin đăng nhập', en: 'Wrong sign-in details' } },
  ACCOUNT_LOCKED: {
    status: 429,
    text: (until: string) => ({
      vi: `Nhập sai quá nhiều lần: tài khoản bị khóa tạm thời đến ${until}. Hãy thử lại sau hoặc nhờ ban tổ chức hỗ trợ.`,
      en: `Too many wrong tries: the account is locked until ${until} (Vietnam time). Try again later or ask an organiser.`,
    }),
  },
  TOO_MANY_FAILED_SIGN_INS: {
    status: 429,
    text: {
      vi: 'Có quá nhiều lần đăng nhập sai từ địa chỉ này. Hãy chờ vài giây rồi thử lại.',
      en: 'Too many failed sign-ins from this address. Wait a few seconds and try again.',
    },
  },
  SESSION_ENDED: {
    status: 401,
    text: {
      vi: 'Phiên đăng nhập này đã kết thúc (mã PIN hoặc mật khẩu đã đổi, hoặc tài khoản đã bị khóa). Hãy đăng nhập lại.',
      en: 'This session has ended (the PIN or password changed, or the account was disabled). Sign in again.',
    },
  },
  BAD_JOIN_LINK: {
    status: 401,
    text: {
      vi: 'Liên kết tham gia không hợp lệ hoặc đã hết hạn. Hãy xin ban tổ chức liên kết mới.',
      en: 'The join link is invalid or has expired. Ask an organiser for a new one.',
    },
  },
  ACCOUNT_DISABLED: {
    status: 401,
    text: { vi: 'Tài khoản này đã bị quản trị viên tạm ngừng.', en: 'This account has been disabled by an administrator.' },
  },
  WEAK_PASSWORD: { status: 400, text: { vi: 'Mật khẩu không được trùng với tên đăng nhập', en: 'The password must not be the username' } },
  USERNAME_TAKEN: {
    status: 409,
    text: (username: string) => ({ vi: `Tên đăng nhập «${username}» đã có người dùng`, en: `Username "${username}" is taken` }),
  },
  ADMIN_HAS_NO_UNIT: {
    status: 409,
    text: { vi: 'Quản trị viên quản lý toàn huyện, không gắn với một đơn vị', en: 'An admin runs the whole district and has no unit' },
  },
  LAST_ADMIN: { status: 409, text: { vi: 'Phải còn ít nhất một quản trị viên đang hoạt động', en: 'At least one active admin must remain' } },
  EXPIRES_IN_THE_PAST: { status: 400, text: { vi: 'Thời điểm hết hạn phải ở tương lai', en: 'expiresAt must be in the future' } },

  // Read and socket budgets
  TOO_MANY_READS: {
    status: 429,
    text: (retryAfterSeconds: number) => ({
      vi: `Bạn đã đọc bảng xếp hạng hoặc báo cáo quá nhiều lần trong một phút. Hãy thử lại sau ${retryAfterSeconds} giây.`,
      en: `Too many board or report reads in a minute. Try again in ${retryAfterSeconds} s.`,
    }),
  },
  TOO_MANY_BOARDS: {
    status: 429,
    text: (max: number) => ({ vi: `Mỗi kết nối theo dõi được tối đa ${max} bảng xếp hạng`, en: `A connection may follow at most ${max} boards` }),
  },
  TOO_MANY_CONNECTIONS: {
    status: 429,
    text: (max: number) => ({
      vi: `Mã đăng nhập này đã mở đủ ${max} kết nối trực tiếp cùng lúc. Hãy đóng bớt một trang hoặc thiết bị rồi thử lại.`,
      en: `This sign-in already holds ${max} live connections at once. Close a page or device and try again.`,
    }),
  },
  BAD_PAYLOAD: { status: 400, text: { vi: 'Dữ liệu gửi kèm phải là một đối tượng JSON', en: 'The payload must be a JSON object' } },

  // Organisation
  HEADCOUNT_FROM_ABOVE: {
    status: 403,
    text: (unitName: string) => ({
      vi: `Biên chế, đơn vị cấp trên và việc sáp nhập vào «${unitName}» chỉ do người tổ chức cấp trên của đơn vị này thay đổi (hoặc quản trị viên).`,
      en: `The headcount and parent of "${unitName}", and merges into it, are changed only by an organiser above it (or the admin).`,
    }),
  },
  UNIT_CODE_TAKEN: {
    status: 409,
    text: (code: string) => ({ vi: `Mã đơn vị «${code}» đã tồn tại`, en: `Unit code "${code}" already exists` }),
  },
  UNIT_MERGED: {
    status: 409,
    text: (code: string) => ({ vi: `Đơn vị «${code}» đã được sáp nhập`, en: `Unit "${code}" has been merged into another` }),
  },
  UNIT_CYCLE: {
    status: 409,
    text: { vi: 'Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó', en: 'A unit cannot move under itself or one of its own units' },
  },
  UNIT_MERGE_INTO_ITSELF: {
    status: 409,
    text: { vi: 'Không thể sáp nhập một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó', en: 'A unit cannot be merged into itself or one of its own units' },
  },
  CLAN_CODE_TAKEN: {
    status: 409,
    text: (code: string) => ({ vi: `Mã dòng họ «${code}» đã tồn tại`, en: `Clan code "${code}" already exists` }),
  },
  STAFF_CODE_TAKEN: {
    status: 409,
    text: (code: string) => ({ vi: `Mã cán bộ «${code}» đã tồn tại`, en: `Staff code "${code}" already exists` }),
  },

  // Questions
  QUESTION_INVALID: {
    status: 400,
    text: (problems: ReadonlyArray<{ message: string; vi: string }>) => ({
      vi: problems.map((p) => p.vi).join('; '),
      en: problems.map((p) => p.message).join('; '),
    }),
  },
  QUESTION_IN_USE: {
    status: 409,
    text: {
      vi: 'Câu hỏi đã được dùng trong vòng thi: chỉ sửa được lỗi chính tả nhỏ, không đổi được lựa chọn, đáp án đúng hay loại câu hỏi. Hãy tạo phiên bản mới của câu hỏi.',
      en: 'This question has been dealt in a round: only small typo fixes are allowed, not other choices, another key or another type. Make a new version of it instead.',
    },
  },
  QUESTION_REPLACED: {
    status: 409,
    text: (by: number) => ({
      vi: `Câu hỏi đã có phiên bản mới (#${by}); hãy dùng phiên bản đó.`,
      en: `This question already has a newer version (#${by}); use that one.`,
    }),
  },

  // Races and rounds
  ROUND_INVALID: {
    status: 400,
    text: (problem: RoundProblem): ErrorText =>
      typeof problem === 'string'
        ? ROUND_PROBLEMS[problem]
        : 'missing' in problem
          ? { vi: `Không có hoặc đã ngừng dùng câu hỏi: ${problem.missing.join(', ')}`, en: `No such active question: ${problem.missing.join(', ')}` }
          : {
              vi: `Ngân hàng chỉ có ${problem.available} câu hỏi phù hợp, không đủ ${problem.count}`,
              en: `The bank has only ${problem.available} matching question(s), fewer than ${problem.count}`,
            },
  },
  ROUND_STATE: {
    status: 409,
    text: (status: string, action: 'open' | 'close') => ({
      vi: `Vòng thi đang ở trạng thái «${status}», không thể ${action === 'open' ? 'mở' : 'đóng'}`,
      en: `The round is ${status}; it cannot ${action}`,
    }),
  },
  BOARD_SCOPE: { status: 400, text: { vi: 'Chọn một cuộc đua (race) hoặc một vòng thi (round)', en: 'Give race or round, one of the two' } },
  AUDIT_WINDOW: { status: 400, text: { vi: 'Thời điểm «đến» phải sau thời điểm «từ»', en: 'to must be after from' } },

  // Playing a round
  NOT_IN_RACE: {
    status: 403,
    text: { vi: 'Cuộc đua này dành cho đơn vị khác, bạn không tham gia được', en: 'This race is for another unit; you cannot take part' },
  },
  ROUND_NOT_OPEN: {
    status: 409,
    text: (who: 'participant' | 'host') =>
      who === 'participant'
        ? { vi: 'Vòng thi chưa mở', en: 'The round is not open yet' }
        : { vi: 'Hãy mở vòng thi trước khi chiếu câu hỏi', en: 'Open the round before sending questions' },
  },
  ROUND_CLOSED: {
    status: 409,
    text: (when: 'joining' | 'answering') =>
      when === 'joining'
        ? { vi: 'Vòng thi đã đóng', en: 'The round has closed' }
        : { vi: 'Vòng thi đã đóng, không nhận thêm câu trả lời', en: 'The round has closed; no more answers' },
  },
  LIVE_ROUND: {
    status: 409,
    text: (when: 'joining' | 'answering') =>
      when === 'joining'
        ? { vi: 'Vòng thi trực tiếp: hãy tham gia qua màn hình trực tiếp', en: 'This is a live round: join it with live:join' }
        : { vi: 'Vòng thi trực tiếp: gửi câu trả lời qua live:answer', en: 'This is a live round: answer with live:answer' },
  },
  WINDOW_ROUND: { status: 409, text: { vi: 'Vòng thi này không phải vòng trực tiếp', en: 'This is not a live round' } },
  NO_QUESTIONS: { status: 409, text: { vi: 'Vòng thi chưa có câu hỏi nào', en: 'The round has no questions' } },
  NOT_JOINED: {
    status: 409,
    text: { vi: 'Hãy tham gia vòng thi (live:join) trước khi trả lời', en: 'Join the round (live:join) before answering' },
  },
  QUESTION_RUNNING: {
    status: 409,
    text: (secondsLeft: number) => ({ vi: `Câu hỏi hiện tại còn ${secondsLeft} giây`, en: `The current question runs for ${secondsLeft} more second(s)` }),
  },
  QUESTION_OVER: {
    status: 409,
    text: {
      vi: 'Câu hỏi đã hết giờ hoặc chưa có câu hỏi nào đang chạy: không thể thêm thời gian',
      en: 'No question is running (or its time is up): there is nothing to give more time to',
    },
  },
  NOT_CURRENT_QUESTION: {
    status: 409,
    text: (mode: 'window' | 'live') =>
      mode === 'window'
        ? { vi: 'Đây không phải câu hỏi đang làm', en: 'That is not the question being asked now' }
        : { vi: 'Đây không phải câu hỏi đang chiếu', en: 'That is not the question on screen now' },
  },
  DEADLINE_PASSED: { status: 409, text: { vi: 'Đã hết giờ cho câu hỏi này', en: 'Time ran out for this question' } },
  ATTEMPT_FINISHED: { status: 409, text: { vi: 'Bạn đã làm xong lượt thi này', en: 'This attempt is finished' } },
  ANSWER_CONFLICT: {
    status: 409,
    text: { vi: 'Câu hỏi này đã được trả lời bằng lựa chọn khác', en: 'This question was already answered with other choices' },
  },
  INVALID_CHOICE: { status: 400, text: (problem: keyof typeof CHOICE_PROBLEMS) => CHOICE_PROBLEMS[problem] },

  // Uploads
  NOT_MULTIPART: {
    status: 415,
    text: { vi: 'Hãy gửi tệp dưới dạng multipart/form-data với trường «file»', en: 'Send the file as multipart/form-data in a field named "file"' },
  },
  NO_FILE: { status: 400, text: { vi: 'Chưa có tệp trong trường «file»', en: 'No file in the field "file"' } },
  // The multipart plugin's own error codes for a limit passed.
  FST_FILES_LIMIT: { status: 413, text: { vi: 'Mỗi lần chỉ gửi một tệp', en: 'Send one file at a time' } },
  FST_FIELDS_LIMIT: { status: 413, text: { vi: 'Biểu mẫu có quá nhiều trường', en: 'The form has too many fields' } },
  FST_PARTS_LIMIT: { status: 413, text: { vi: 'Biểu mẫu có quá nhiều phần', en: 'The form has too many parts' } },
  FST_REQ_FILE_TOO_LARGE: { status: 413, text: { vi: 'Tệp tải lên quá lớn (tối đa 50 MB)', en: 'The uploaded file is too large (50 MB at most)' } },
  // 400 unless the multipart plugin named another 4xx for the form.
  BAD_FORM: {
    status: 400,
    text: {
      vi: 'Không đọc được biểu mẫu tải lên (bị cắt ngang hoặc sai định dạng multipart/form-data)',
      en: 'The uploaded form cannot be read (cut short, or not well-formed multipart/form-data)',
    },
  },
  UNSUPPORTED_FILE: {
    status: 415,
    text: (what: 'roster' | 'questions') =>
      what === 'roster'
        ? { vi: 'Chỉ nhận tệp .csv hoặc .xlsx', en: 'Only .csv and .xlsx files are accepted' }
        : { vi: 'Hãy chọn định dạng: csv, xlsx, aiken, gift hoặc docx', en: 'Say the format: csv, xlsx, aiken, gift or docx' },
  },
  ARCHIVE_TOO_LARGE: {
    status: 413,
    text: (limit: { maxEntries: number } | { maxExpanded: string }) =>
      'maxEntries' in limit
        ? {
            vi: `Tệp nén có quá nhiều thành phần (tối đa ${limit.maxEntries.toLocaleString('vi')})`,
            en: `The file holds too many parts (${limit.maxEntries.toLocaleString('en')} at most)`,
          }
        : { vi: `Tệp giải nén ra quá lớn (tối đa ${limit.maxExpanded})`, en: `The file is too large once unzipped (${limit.maxExpanded} at most)` },
  },
  IMPORT_INVALID: {
    status: 422,
    text: (problem: ImportProblem): ErrorText =>
      typeof problem === 'string'
        ? IMPORT_PROBLEMS[problem]
        : 'rosterProblems' in problem
          ? {
              vi: `Tệp có ${problem.rosterProblems} lỗi nên chưa nhập gì. Sửa các dòng được nêu rồi tải lên lại.`,
              en: `The file has ${problem.rosterProblems} problem(s), so nothing was imported. Fix the rows listed and upload it again.`,
            }
          : {
              vi: `Tệp có ${problem.questionProblems} lỗi nên chưa nhập câu hỏi nào. Sửa các chỗ được nêu rồi tải lên lại.`,
              en: `The file has ${problem.questionProblems} problem(s), so no question was imported. Fix them and upload it again.`,
            },
  },
  IMPORT_TOO_COMPLEX: {
    status: 422,
    text: (limit: { seconds: number } | { megabytes: number }) =>
      'seconds' in limit
        ? {
            vi: `Đọc tệp mất quá ${limit.seconds} giây nên đã dừng: hãy chia tệp thành nhiều tệp nhỏ hơn`,
            en: `Reading the file took longer than ${limit.seconds} s, so it was stopped: split it into smaller files`,
          }
        : {
            vi: `Đọc tệp cần quá ${limit.megabytes} MB bộ nhớ nên đã dừng: hãy chia tệp thành nhiều tệp nhỏ hơn`,
            en: `Reading the file needed more than ${limit.megabytes} MB of memory, so it was stopped: split it into smaller files`,
          },
  },
  IMPORT_BUSY: {
    status: 503,
    text: { vi: 'Máy chủ đang đọc nhiều tệp khác; hãy thử lại sau ít phút', en: 'The server is reading many other files; try again in a few minutes' },
  },

  // Said by the database, mapped by the exception filter
  CONSTRAINT: {
    status: 409,
    text: {
      vi: 'Dữ liệu vừa bị thay đổi bởi một yêu cầu khác (trùng mã hoặc còn liên kết). Hãy tải lại và thử lại.',
      en: 'Another request changed this at the same moment (a duplicate code or a link still in use). Reload and try again.',
    },
  },
  UNSTORABLE_TEXT: {
    status: 400,
    text: {
      vi: 'Nội dung có ký tự NUL (U+0000), không lưu được. Hãy bỏ ký tự đó rồi gửi lại.',
      en: 'The text contains a NUL character (U+0000), which cannot be stored. Remove it and send again.',
    },
  },
} as const satisfies Record<string, { status: number; text: Wording }>;

/** A refusal's stable code, as replies carry it in `code`. */
export type ErrorCode = keyof typeof ERRORS;

/** The values a code's wording is built from; none for a fixed wording. */
export type ErrorValues<C extends ErrorCode> = (typeof ERRORS)[C]['text'] extends (...values: infer V) => ErrorText ? V : [];

/** The HTTP status a code is always sent with. */
export type ErrorStatus<C extends ErrorCode> = (typeof ERRORS)[C]['status'];

/** A code's wording in both languages, filled with its values. */
export function errorText<C extends ErrorCode>(code: C, ...values: ErrorValues<C>): ErrorText {
  const text: Wording = ERRORS[code].text;
  return typeof text === 'function' ? (text as (...v: ErrorValues<C>) => ErrorText)(...values) : text;
}
