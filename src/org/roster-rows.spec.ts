import { parseActive, parseCategory, parseParticipantRows, parseUnitRows, unitsInCycles } from './roster-rows';

describe('roster rows', () => {
  it('reads categories as people write them', () => {
    expect(parseCategory('Xã')).toBe('commune');
    expect(parseCategory('THỊ TRẤN')).toBe('commune');
    expect(parseCategory('Trường học')).toBe('school');
    expect(parseCategory('Cơ quan huyện')).toBe('district_office');
    expect(parseCategory('school')).toBe('school');
    expect(parseCategory('Khác')).toBe('other');
    expect(parseCategory('lâu đài')).toBeNull();
  });

  it('reads yes and no in both languages, empty as not given', () => {
    expect(['có', 'x', 'TRUE', '1'].map(parseActive)).toEqual([true, true, true, true]);
    expect(['không', 'false', '0', 'Ngừng'].map(parseActive)).toEqual([false, false, false, false]);
    expect(parseActive('')).toBeUndefined();
    expect(parseActive('maybe')).toBeNull();
  });

  it('checks every field of every unit row and reports them all', () => {
    const { units, problems } = parseUnitRows([
      { row: 2, values: { code: 'hamo', name: ' UBND  xã Hạ Mỗ ', category: 'Xã', parentCode: 'dp', headcount: '2.896' } },
      { row: 3, values: { code: 'bad code', name: '', category: '?', parentCode: 'BAD CODE', headcount: '-1' } },
      { row: 4, values: { code: 'HAMO', name: 'Again', category: 'other', parentCode: 'HAMO', headcount: '1' } },
    ]);
    expect(units).toEqual([{ row: 2, code: 'HAMO', name: 'UBND xã Hạ Mỗ', category: 'commune', parentCode: 'DP', headcount: 2896 }]);
    expect(problems.map((p) => `${p.row}:${p.field}`)).toEqual(['3:code', '3:name', '3:category', '3:parentCode', '3:headcount', '4:code', '4:parentCode']);
  });

  it('checks participant rows: codes, names, PINs, duplicates', async () => {
    const { participants, problems } = await parseParticipantRows([
      { row: 2, values: { staffCode: 'nv1', fullName: 'Le\u0302 Hu\u031B\u0303u Đa\u0323t', unitCode: 'hamo', pin: '0123' } },
      { row: 3, values: { staffCode: 'NV1', fullName: 'X', unitCode: 'HAMO', pin: '12' } },
      { row: 4, values: { staffCode: 'NV2', fullName: 'Y', unitCode: '', clanCode: 'c-1', active: 'không' } },
    ]);
    expect(participants).toEqual([{ row: 2, staffCode: 'NV1', fullName: 'Lê Hữu Đạt', unitCode: 'HAMO', clanCode: null, pin: '0123', active: undefined }]);
    expect(problems).toEqual([
      { row: 3, field: 'staffCode', message: 'NV1 already appears in row 2', vi: 'NV1 đã có ở dòng 2' },
      { row: 3, field: 'pin', message: 'pin must be 4 to 8 digits', vi: 'Mã PIN phải gồm 4 đến 8 chữ số' },
      { row: 4, field: 'unitCode', message: 'unitCode is required', vi: 'Thiếu unitCode' },
    ]);
  });

  it('finds cycles through the file and the existing tree', () => {
    const existing: Record<string, string | null> = { ROOT: null, A: 'ROOT', B: 'A' };
    const parent = (code: string) => existing[code] ?? null;
    expect(unitsInCycles([{ code: 'A', parentCode: 'B' }], parent)).toEqual(new Set(['A']));
    expect(
      unitsInCycles(
        [
          { code: 'X', parentCode: 'Y' },
          { code: 'Y', parentCode: 'X' },
        ],
        parent,
      ),
    ).toEqual(new Set(['X', 'Y']));
    expect(
      unitsInCycles(
        [
          { code: 'C', parentCode: 'B' },
          { code: 'B', parentCode: 'ROOT' },
        ],
        parent,
      ),
    ).toEqual(new Set());
    // A unit under a loop is not itself in it.
    expect(
      unitsInCycles(
        [
          { code: 'Z', parentCode: 'X' },
          { code: 'X', parentCode: 'Y' },
          { code: 'Y', parentCode: 'X' },
        ],
        parent,
      ),
    ).toEqual(new Set(['X', 'Y']));
  });
});
