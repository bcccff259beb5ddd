/**
 * The demo district: Đan Phượng (Hanoi) as the article describes its "Cuộc đua luyện AI".
 * Headcounts are chosen so the article's rates come out exactly: district offices 179/199
 * (89.95%), communes 397/474 (83.76%), schools 2,175/2,223 (97.84%), in all 2,751/2,896 (95%).
 * Names are synthetic, drawn from a seeded generator so every run gives the same roster.
 */

export type UnitCategory = 'district_office' | 'commune' | 'school' | 'other';
export interface SeedUnit {
  code: string;
  name: string;
  category: UnitCategory;
  parentCode: string | null;
  headcount: number;
}
export interface SeedClan {
  code: string;
  name: string;
  unitCode: string | null;
}
export interface SeedParticipant {
  staffCode: string;
  fullName: string;
  unitCode: string;
  clanCode: string | null;
}
export interface SeedDistrict {
  units: SeedUnit[];
  clans: SeedClan[];
  participants: SeedParticipant[];
}

const ROOT = 'DP';
const EDUCATION_OFFICE = 'DP-GDDT';

// Specialised offices of the district People's Committee; 199 staff in all.
const OFFICES: Array<[string, string, number]> = [
  ['DP-VP', 'Văn phòng HĐND và UBND huyện', 32],
  ['DP-NV', 'Phòng Nội vụ', 14],
  ['DP-TCKH', 'Phòng Tài chính - Kế hoạch', 18],
  [EDUCATION_OFFICE, 'Phòng Giáo dục và Đào tạo', 16],
  ['DP-VHTT', 'Phòng Văn hóa và Thông tin', 12],
  ['DP-TP', 'Phòng Tư pháp', 8],
  ['DP-KT', 'Phòng Kinh tế', 20],
  ['DP-QLDT', 'Phòng Quản lý đô thị', 17],
  ['DP-TNMT', 'Phòng Tài nguyên và Môi trường', 19],
  ['DP-LDTBXH', 'Phòng Lao động - Thương binh và Xã hội', 15],
  ['DP-YT', 'Phòng Y tế', 10],
  ['DP-TTR', 'Thanh tra huyện', 18],
];

// The town and the 15 communes, with the staff of each People's Committee; 474 in all.
const COMMUNES: Array<[string, string, number]> = [
  ['PHUNG', 'thị trấn Phùng', 36],
  ['DANPHUONG', 'xã Đan Phượng', 30],
  ['DONGTHAP', 'xã Đồng Tháp', 30],
  ['HAMO', 'xã Hạ Mỗ', 31],
  ['HONGHA', 'xã Hồng Hà', 29],
  ['LIENHA', 'xã Liên Hà', 28],
  ['LIENHONG', 'xã Liên Hồng', 27],
  ['LIENTRUNG', 'xã Liên Trung', 28],
  ['PHUONGDINH', 'xã Phương Đình', 31],
  ['SONGPHUONG', 'xã Song Phượng', 28],
  ['TANHOI', 'xã Tân Hội', 32],
  ['TANLAP', 'xã Tân Lập', 30],
  ['THOAN', 'xã Thọ An', 27],
  ['THOXUAN', 'xã Thọ Xuân', 29],
  ['THUONGMO', 'xã Thượng Mỗ', 30],
  ['TRUNGCHAU', 'xã Trung Châu', 28],
];

const SCHOOL_STAFF = 2223;

const CLANS: Array<{ code: string; name: string; unitCode: string; surname: string; maleMiddle: string; members: number }> = [
  { code: 'LEHUU-HAMO', name: 'Dòng họ Lê Hữu (Hạ Mỗ)', unitCode: 'HAMO', surname: 'Lê', maleMiddle: 'Hữu', members: 212 },
  { code: 'NGUYENDINH-THUONGMO', name: 'Dòng họ Nguyễn Đình (Thượng Mỗ)', unitCode: 'THUONGMO', surname: 'Nguyễn', maleMiddle: 'Đình', members: 48 },
  { code: 'PHUNG-PHUNG', name: 'Dòng họ Phùng (thị trấn Phùng)', unitCode: 'PHUNG', surname: 'Phùng', maleMiddle: 'Văn', members: 64 },
  { code: 'DO-TANHOI', name: 'Dòng họ Đỗ (Tân Hội)', unitCode: 'TANHOI', surname: 'Đỗ', maleMiddle: 'Văn', members: 31 },
];

// Weights roughly as Vietnamese surnames are spread; Phùng and Kiều are common in Đan Phượng.
const SURNAMES: Array<[string, number]> = [
  ['Nguyễn', 35],
  ['Trần', 10],
  ['Lê', 8],
  ['Phạm', 7],
  ['Hoàng', 4],
  ['Phan', 3],
  ['Vũ', 4],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 3],
  ['Hồ', 1],
  ['Ngô', 2],
  ['Dương', 2],
  ['Lý', 1],
  ['Đinh', 2],
  ['Trịnh', 1],
  ['Đào', 2],
  ['Phùng', 4],
  ['Kiều', 3],
  ['Tạ', 1],
];
const MALE_MIDDLE = ['Văn', 'Văn', 'Văn', 'Đức', 'Hữu', 'Minh', 'Quang', 'Xuân', 'Đình', 'Tiến', 'Công', 'Mạnh', 'Trọng', 'Thanh'];
const FEMALE_MIDDLE = ['Thị', 'Thị', 'Thị', 'Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Thúy', 'Hồng', 'Kim', 'Phương', 'Diệu'];
const MALE_GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Đông',
  'Giang',
  'Hải',
  'Hiếu',
  'Hòa',
  'Hùng',
  'Hưng',
  'Huy',
  'Khánh',
  'Kiên',
  'Lâm',
  'Long',
  'Minh',
  'Nam',
  'Nghĩa',
  'Phong',
  'Phúc',
  'Quân',
  'Quang',
  'Sơn',
  'Tài',
  'Thắng',
  'Thành',
  'Thịnh',
  'Toàn',
  'Trung',
  'Tuấn',
  'Tùng',
  'Việt',
  'Vinh',
  'Hoàng',
  'Khoa',
  'Lực',
  'Mạnh',
  'Tâm',
];
const FEMALE_GIVEN = [
  'Anh',
  'Ánh',
  'Chi',
  'Dung',
  'Duyên',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hiền',
  'Hoa',
  'Hồng',
  'Huệ',
  'Hương',
  'Hường',
  'Lan',
  'Liên',
  'Linh',
  'Loan',
  'Mai',
  'Nga',
  'Ngân',
  'Nhung',
  'Oanh',
  'Phương',
  'Quyên',
  'Thảo',
  'Thơm',
  'Thủy',
  'Trang',
  'Tuyết',
  'Vân',
  'Yến',
  'Huyền',
  'Lụa',
  'Ngọc',
  'Tâm',
  'Thu',
  'Xuân',
  'Hậu',
];
const SECOND_FEMALE_MIDDLE = ['Thu', 'Ngọc', 'Thanh', 'Minh', 'Hồng', 'Kim', 'Phương', 'Mai', 'Bích', 'Hải'];

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function units(): SeedUnit[] {
  const list: SeedUnit[] = [{ code: ROOT, name: 'UBND huyện Đan Phượng', category: 'district_office', parentCode: null, headcount: 0 }];
  for (const [code, name, headcount] of OFFICES) list.push({ code, name, category: 'district_office', parentCode: ROOT, headcount });
  for (const [code, place, headcount] of COMMUNES) {
    list.push({ code, name: `UBND ${place}`, category: 'commune', parentCode: ROOT, headcount });
  }
  // A kindergarten, a primary and a lower-secondary school in every commune and the town,
  // managed by the education office; staff vary a little around 45, 50 and 44.
  const schools: SeedUnit[] = [];
  COMMUNES.forEach(([code, place], index) => {
    const town = place.replace(/^(xã|thị trấn) /, '');
    const shift = (index % 5) - 2;
    schools.push(
      { code: `MN-${code}`, name: `Trường Mầm non ${town}`, category: 'school', parentCode: EDUCATION_OFFICE, headcount: 45 + shift },
      { code: `TH-${code}`, name: `Trường Tiểu học ${town}`, category: 'school', parentCode: EDUCATION_OFFICE, headcount: 50 - shift },
      { code: `THCS-${code}`, name: `Trường THCS ${town}`, category: 'school', parentCode: EDUCATION_OFFICE, headcount: 44 },
    );
  });
  const total = schools.reduce((sum, school) => sum + school.headcount, 0);
  schools[schools.length - 1].headcount -= total - SCHOOL_STAFF;
  return [...list, ...schools];
}

interface Person {
  female: boolean;
  unitCode: string;
  clanCode: string | null;
  fullName: string;
}

export function danPhuongDistrict(): SeedDistrict {
  const random = generator(2025);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const surnameTotal = SURNAMES.reduce((sum, [, weight]) => sum + weight, 0);
  const surname = () => {
    let r = random() * surnameTotal;
    for (const [name, weight] of SURNAMES) if ((r -= weight) < 0) return name;
    return SURNAMES[0][0];
  };
  const name = (female: boolean, family = surname(), maleMiddle?: string) => {
    const middle = female ? pick(FEMALE_MIDDLE) : (maleMiddle ?? pick(MALE_MIDDLE));
    // About one in five women has a four-part name, such as Nguyễn Thị Thu Hà.
    const extra = female && middle === 'Thị' && random() < 0.2 ? ` ${pick(SECOND_FEMALE_MIDDLE)}` : '';
    return `${family} ${middle}${extra} ${pick(female ? FEMALE_GIVEN : MALE_GIVEN)}`.normalize('NFC');
  };

  const unitList = units();
  const people: Person[] = [];
  for (const unit of unitList) {
    // Teachers are mostly women, as in Vietnamese schools.
    const womenShare = unit.category === 'school' ? 0.8 : 0.45;
    for (let i = 0; i < unit.headcount; i++) {
      const female = random() < womenShare;
      people.push({ female, unitCode: unit.code, clanCode: null, fullName: name(female) });
    }
  }

  // Clan members come first from their own commune's office and schools, then from elsewhere.
  for (const clan of CLANS) {
    const home = new Set([clan.unitCode, `MN-${clan.unitCode}`, `TH-${clan.unitCode}`, `THCS-${clan.unitCode}`]);
    const candidates = [
      ...people.filter((p) => home.has(p.unitCode) && p.clanCode === null).filter(() => random() < 0.7),
      ...people.filter((p) => !home.has(p.unitCode) && p.clanCode === null && random() < 0.08),
    ];
    for (const person of candidates.slice(0, clan.members)) {
      person.clanCode = clan.code;
      person.fullName = name(person.female, clan.surname, clan.maleMiddle);
    }
  }

  return {
    units: unitList,
    clans: CLANS.map(({ code, name: clanName, unitCode }) => ({ code, name: clanName, unitCode })),
    participants: people.map((person, index) => ({
      staffCode: `NV${String(index + 1).padStart(5, '0')}`,
      fullName: person.fullName,
      unitCode: person.unitCode,
      clanCode: person.clanCode,
    })),
  };
}
