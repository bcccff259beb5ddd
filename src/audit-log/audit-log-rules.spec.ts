import { auditWindow, isActionPrefix, likePrefix, readablePath, vietnamClock } from './audit-log-rules';

describe('auditWindow', () => {
  it('reads a date alone as the whole day in Vietnam (UTC+7)', () => {
    expect(auditWindow('2025-06-01', '2025-06-01')).toEqual({
      from: Date.parse('2025-05-31T17:00:00Z'),
      to: Date.parse('2025-06-01T17:00:00Z'),
    });
  });

  it('keeps an instant as it is, the end inclusive', () => {
    expect(auditWindow('2025-06-01T08:00:00Z', '2025-06-01T09:00:00.000Z')).toEqual({
      from: Date.parse('2025-06-01T08:00:00Z'),
      to: Date.parse('2025-06-01T09:00:00Z') + 1,
    });
  });

  it('leaves out what was not asked', () => {
    expect(auditWindow()).toEqual({ from: null, to: null });
  });
});

describe('action filters', () => {
  it('a trailing dot asks for a family of actions', () => {
    expect(isActionPrefix('unit.')).toBe(true);
    expect(isActionPrefix('unit.update')).toBe(false);
  });

  it('an underscore in a prefix matches itself, not any character', () => {
    expect(likePrefix('screen_token.')).toBe('screen\\_token.%');
  });
});

describe('readablePath', () => {
  it('is the reader’s subtree, or everything for the district', () => {
    expect(readablePath('/1/4/')).toBe('/1/4/');
    expect(readablePath(null)).toBeNull();
  });

  it('narrows to a unit inside the subtree, and refuses one outside', () => {
    expect(readablePath('/1/4/', '/1/4/9/')).toBe('/1/4/9/');
    expect(readablePath('/1/4/', '/1/5/')).toBe(false);
    expect(readablePath('/1/4/', '/1/')).toBe(false);
    expect(readablePath(null, '/1/5/')).toBe('/1/5/');
  });
});

describe('vietnamClock', () => {
  it('shows an instant in Vietnam’s time', () => {
    expect(vietnamClock(Date.parse('2025-06-01T17:30:05.123Z'))).toBe('2025-06-02 00:30:05');
  });
});
