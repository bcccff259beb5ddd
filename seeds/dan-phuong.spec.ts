import { danPhuongDistrict } from './dan-phuong';

describe('the demo district', () => {
  const district = danPhuongDistrict();

  it('lists units parents first with unique codes', () => {
    const seen = new Set<string>();
    for (const unit of district.units) {
      expect(seen.has(unit.code)).toBe(false);
      if (unit.parentCode) expect(seen.has(unit.parentCode)).toBe(true);
      seen.add(unit.code);
    }
  });

  it('has the town and 15 communes of Đan Phượng', () => {
    const communes = district.units.filter((u) => u.category === 'commune').map((u) => u.name);
    expect(communes).toHaveLength(16);
    expect(communes).toEqual(expect.arrayContaining(['UBND thị trấn Phùng', 'UBND xã Hạ Mỗ', 'UBND xã Trung Châu', 'UBND xã Đồng Tháp']));
  });

  it('adds headcounts up as the article’s rates need: 199 + 474 + 2,223 = 2,896', () => {
    const sum = (category: string) => district.units.filter((u) => u.category === category).reduce((s, u) => s + u.headcount, 0);
    expect([sum('district_office'), sum('commune'), sum('school')]).toEqual([199, 474, 2223]);
    expect(district.units.reduce((s, u) => s + u.headcount, 0)).toBe(2896);
  });

  it('has one participant per head, with unique staff codes and NFC names', () => {
    expect(district.participants).toHaveLength(2896);
    expect(new Set(district.participants.map((p) => p.staffCode)).size).toBe(2896);
    const perUnit = new Map<string, number>();
    for (const p of district.participants) {
      perUnit.set(p.unitCode, (perUnit.get(p.unitCode) ?? 0) + 1);
      expect(p.fullName).toBe(p.fullName.normalize('NFC'));
      expect(p.fullName.split(' ').length).toBeGreaterThanOrEqual(3);
    }
    for (const unit of district.units) expect(perUnit.get(unit.code) ?? 0).toBe(unit.headcount);
  });

  it('has the Lê Hữu clan of Hạ Mỗ with over 200 members', () => {
    const clan = district.clans.find((c) => c.code === 'LEHUU-HAMO');
    expect(clan).toEqual({ code: 'LEHUU-HAMO', name: 'Dòng họ Lê Hữu (Hạ Mỗ)', unitCode: 'HAMO' });
    const members = district.participants.filter((p) => p.clanCode === 'LEHUU-HAMO');
    expect(members.length).toBeGreaterThan(200);
    expect(members.every((p) => p.fullName.startsWith('Lê '))).toBe(true);
    for (const c of district.clans) expect(district.participants.filter((p) => p.clanCode === c.code).length).toBeGreaterThan(20);
  });

  it('is the same on every call', () => {
    expect(danPhuongDistrict()).toEqual(district);
  });
});
