import fc from 'fast-check';
import {
  QuestionInput,
  ancestorPaths,
  editDistance,
  ownsQuestion,
  questionFingerprint,
  shuffle,
  storedOrder,
  typoFix,
  usesQuestion,
  wordingOnly,
} from './question-rules';

const question = (choices: [string, boolean][], extra: Partial<QuestionInput> = {}): QuestionInput => ({
  type: 'single',
  text: 'Mã OTP nên được chia sẻ với ai?',
  choices: choices.map(([text, correct]) => ({ text, correct })),
  topic: null,
  difficulty: 1,
  explanation: 'Ngân hàng không bao giờ hỏi mã OTP.',
  ...extra,
});

describe('ownership', () => {
  it('gives the district everything, a unit its subtree', () => {
    expect(ownsQuestion(null, null)).toBe(true);
    expect(ownsQuestion(null, '/1/2/')).toBe(true);
    expect(ownsQuestion('/1/2/', '/1/2/')).toBe(true);
    expect(ownsQuestion('/1/2/', '/1/2/7/')).toBe(true);
    expect(ownsQuestion('/1/2/', null)).toBe(false);
    expect(ownsQuestion('/1/2/', '/1/')).toBe(false);
    expect(ownsQuestion('/1/2/', '/1/3/')).toBe(false);
  });

  it('lets a unit use the district’s questions and those above it, never a sibling’s', () => {
    expect(usesQuestion('/1/2/', null)).toBe(true);
    expect(usesQuestion('/1/2/', '/1/')).toBe(true);
    expect(usesQuestion('/1/2/', '/1/2/7/')).toBe(true);
    expect(usesQuestion('/1/2/', '/1/3/')).toBe(false);
    expect(usesQuestion('/1/2/', '/1/22/')).toBe(false);
  });

  it('lists a path and every path above it', () => {
    expect(ancestorPaths('/1/4/9/')).toEqual(['/1/', '/1/4/', '/1/4/9/']);
  });
});

describe('stored order', () => {
  it('shuffles every order into reach and keeps the items', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) seen.add(shuffle(['A', 'B', 'C'], (n) => Math.floor(Math.random() * n)).join(''));
    expect(seen.size).toBe(6);
    fc.assert(fc.property(fc.array(fc.integer()), (list) => expect([...shuffle(list, (n) => Math.floor(Math.random() * n))].sort()).toEqual([...list].sort())));
  });

  it('keeps Đúng before Sai', () => {
    const choices = [
      { text: 'Đúng', correct: false },
      { text: 'Sai', correct: true },
    ];
    expect(storedOrder('truefalse', choices, () => 0)).toEqual(choices);
  });
});

describe('typoFix', () => {
  it('allows up to 3 characters, or up to 20% of the longer text', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('Đúng', 'Dúng')).toBe(1);
    expect(typoFix('Nhân viên ngân hàng gọi đến', 'Nhân viên ngân hàng gọi tới')).toBe(true);
    expect(typoFix('Không ai cả', 'Không ai cả')).toBe(true);
    expect(typoFix('Đúng', 'Sai')).toBe(false);
    expect(typoFix('Nhân viên ngân hàng gọi đến', 'Không ai cả')).toBe(false);
    const long = 'Trước khi đưa số liệu do AI cung cấp vào báo cáo, cán bộ nên làm gì?';
    expect(typoFix(long, long.replace('cán bộ', 'công chức'))).toBe(true);
    expect(typoFix(long, 'Khi nào nên dùng AI để soạn văn bản trả lời công dân?')).toBe(false);
  });

  it('is symmetric and counts a Vietnamese letter once', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => expect(typoFix(a, b)).toBe(typoFix(b, a))));
    expect(editDistance('ờ', 'ơ')).toBe(1);
  });
});

describe('wordingOnly', () => {
  const dealt = question([
    ['Nhân viên ngân hàng gọi đến', false],
    ['Không ai cả', true],
    ['Người thân', false],
  ]);

  it('accepts typo fixes that keep every choice in its place with its key', () => {
    expect(wordingOnly(dealt, dealt)).toBe(true);
    expect(
      wordingOnly(
        dealt,
        question(
          [
            ['Nhân viên ngân hàng gọi tới', false],
            ['Không ai cả', true],
            ['Người thân', false],
          ],
          { text: 'Mã OTP nên được chia sẻ cho ai?' },
        ),
      ),
    ).toBe(true);
  });

  it('refuses swapping the texts of the right and a wrong choice (the key moves)', () => {
    expect(
      wordingOnly(
        dealt,
        question([
          ['Không ai cả', false],
          ['Nhân viên ngân hàng gọi đến', true],
          ['Người thân', false],
        ]),
      ),
    ).toBe(false);
  });

  it('refuses a short choice nudged into another choice’s text', () => {
    const letters = question([
      ['A', true],
      ['B', false],
      ['C', false],
    ]);
    expect(
      wordingOnly(
        letters,
        question([
          ['B', true],
          ['A', false],
          ['C', false],
        ]),
      ),
    ).toBe(false);
    expect(
      wordingOnly(
        letters,
        question([
          ['A', true],
          ['Bb', false],
          ['C', false],
        ]),
      ),
    ).toBe(true);
  });

  it('refuses other keys, other choices, another type and rewrites', () => {
    expect(
      wordingOnly(
        dealt,
        question([
          ['Nhân viên ngân hàng gọi đến', true],
          ['Không ai cả', false],
          ['Người thân', false],
        ]),
      ),
    ).toBe(false);
    expect(
      wordingOnly(
        dealt,
        question([
          ['Nhân viên ngân hàng gọi đến', false],
          ['Không ai cả', true],
        ]),
      ),
    ).toBe(false);
    expect(wordingOnly(dealt, { ...dealt, type: 'multiple' })).toBe(false);
    expect(wordingOnly(dealt, { ...dealt, text: 'Mật khẩu nào mạnh nhất trong các mật khẩu sau?' })).toBe(false);
    expect(wordingOnly(dealt, { ...dealt, explanation: 'Một giải thích hoàn toàn khác, viết lại từ đầu.' })).toBe(false);
    expect(
      wordingOnly(
        dealt,
        question([
          ['Nhân viên ngân hàng gọi đến', false],
          ['Không ai cả', true],
          ['Công an phường', false],
        ]),
      ),
    ).toBe(false);
  });
});

describe('questionFingerprint', () => {
  it('ignores the order of the choices, not their key', () => {
    const a = question([
      ['X', true],
      ['Y', false],
    ]);
    expect(questionFingerprint(a)).toBe(
      questionFingerprint(
        question([
          ['Y', false],
          ['X', true],
        ]),
      ),
    );
    expect(questionFingerprint(a)).not.toBe(
      questionFingerprint(
        question([
          ['X', false],
          ['Y', true],
        ]),
      ),
    );
  });
});
