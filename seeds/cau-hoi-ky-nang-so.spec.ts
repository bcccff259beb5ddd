import { normaliseQuestion, questionProblems } from '../src/questions/question-rules';
import { QUESTION_BANK, TOPICS } from './cau-hoi-ky-nang-so';

describe('the project’s question bank', () => {
  it('has at least 150 questions, at least 18 on every topic, of every type', () => {
    expect(QUESTION_BANK.length).toBeGreaterThanOrEqual(150);
    for (const topic of TOPICS) expect(QUESTION_BANK.filter((q) => q.topic === topic).length).toBeGreaterThanOrEqual(18);
    for (const type of ['single', 'multiple', 'truefalse']) expect(QUESTION_BANK.some((q) => q.type === type)).toBe(true);
  });

  it('passes the bank’s own rules, is NFC, explains every answer and repeats no question', () => {
    for (const question of QUESTION_BANK) {
      const input = { ...question, topic: question.topic };
      expect({ text: question.text, problems: questionProblems(normaliseQuestion(input)) }).toEqual({ text: question.text, problems: [] });
      expect(normaliseQuestion(input)).toEqual(input);
      expect(question.explanation.length).toBeGreaterThan(20);
    }
    expect(new Set(QUESTION_BANK.map((q) => q.text)).size).toBe(QUESTION_BANK.length);
  });

  it('does not always put the right answer in the same place', () => {
    const singles = QUESTION_BANK.filter((q) => q.type === 'single');
    const positions = new Set(singles.map((q) => q.choices.findIndex((c) => c.correct)));
    expect(positions.size).toBeGreaterThanOrEqual(3);
  });

  it('spreads the right answers of single-choice questions over A–D, none holding more than 35%', () => {
    const singles = QUESTION_BANK.filter((q) => q.type === 'single');
    const counts = [0, 0, 0, 0, 0, 0, 0, 0];
    for (const q of singles) counts[q.choices.findIndex((c) => c.correct)]++;
    expect(Math.max(...counts)).toBeLessThanOrEqual(0.35 * singles.length);
    // And no letter is left out: every one of A–D is right in at least a sixth of them.
    for (const n of counts.slice(0, 4)) expect(n).toBeGreaterThanOrEqual(singles.length / 6);
  });
});
