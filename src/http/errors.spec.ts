import { ERRORS, ErrorCode, errorText } from '../contract/errors';
import { Errors, What } from './errors';

describe('the error catalogue', () => {
  it('gives every code a client or service status and words in both languages', () => {
    for (const [code, { status }] of Object.entries(ERRORS)) {
      expect({ code, status: status >= 400 && status < 600 }).toEqual({ code, status: true });
    }
    const fixed = (Object.keys(ERRORS) as ErrorCode[]).filter((code) => typeof ERRORS[code].text !== 'function');
    for (const code of fixed) {
      const text = errorText(code as 'FORBIDDEN');
      expect(text.vi.length * text.en.length).toBeGreaterThan(0);
    }
  });

  it('throws with the status and wording the catalogue gives the code', () => {
    const refusal = Errors.of('QUESTION_RUNNING', 7);
    expect(refusal.getStatus()).toBe(409);
    expect(refusal.code).toBe('QUESTION_RUNNING');
    expect(refusal.messages).toEqual({ vi: 'Câu hỏi hiện tại còn 7 giây', en: 'The current question runs for 7 more second(s)' });
    expect(Errors.notFound(What.round, 5).messages).toEqual({ vi: 'Không tìm thấy vòng thi «5»', en: 'No round "5"' });
    expect(Errors.of('ROUND_INVALID', { missing: [3, 4] }).messages.en).toBe('No such active question: 3, 4');
  });

  it('adds fields to a refusal without changing it', () => {
    const refusal = Errors.of('TOO_MANY_READS', 12);
    const withRetry = refusal.with({ retryAfterSeconds: 12 });
    expect(withRetry.getStatus()).toBe(429);
    expect(withRetry.extra).toEqual({ retryAfterSeconds: 12 });
    expect(refusal.extra).toEqual({});
  });
});
