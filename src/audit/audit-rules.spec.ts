import { changedFields } from './audit-rules';

describe('changedFields', () => {
  it('keeps only the fields that changed, on both sides', () => {
    expect(changedFields({ name: 'A', headcount: 100, parentId: 1 }, { name: 'A', headcount: 1 })).toEqual({
      before: { headcount: 100 },
      after: { headcount: 1 },
    });
  });

  it('is null when nothing changed, also for equal arrays and undefined fields', () => {
    expect(changedFields({ a: [1, 2], b: 'x' }, { a: [1, 2], b: undefined })).toBeNull();
  });

  it('records a field that appears as null before', () => {
    expect(changedFields({}, { clanId: 4 })).toEqual({ before: { clanId: null }, after: { clanId: 4 } });
  });
});
