import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { RowProblem, UnitCategory } from '../contract/org';
import { PIN_PATTERN } from './dto/participant.dto';
import { CODE_PATTERN } from '../http/validators';
import { problem } from './table-file';
import { normaliseName, searchKey } from './names';

/** Rules for rows of roster files, before anything is looked up in the database. */

interface Row {
  row: number;
  values: Record<string, string>;
}

export interface UnitRow {
  row: number;
  code: string;
  name: string;
  category: UnitCategory;
  parentCode: string | null;
  headcount: number;
}

export interface ParticipantRow {
  row: number;
  staffCode: string;
  fullName: string;
  unitCode: string;
  clanCode: string | null;
  pin: string | null;
  /** Absent when the file has no such column or the cell is empty: an existing participant keeps theirs. */
  active: boolean | undefined;
}

export const UNIT_COLUMNS = [
  { field: 'code', aliases: ['Mã đơn vị', 'Mã', 'Ma don vi'], required: true },
  { field: 'name', aliases: ['Tên đơn vị', 'Tên', 'Ten don vi'], required: true },
  { field: 'category', aliases: ['Loại', 'Loại đơn vị', 'Phân loại', 'Khối'], required: true },
  { field: 'parentCode', aliases: ['Mã đơn vị cấp trên', 'Mã cấp trên', 'Đơn vị cấp trên', 'Đơn vị cha'] },
  { field: 'headcount', aliases: ['Số cán bộ', 'Biên chế', 'Số người', 'Tổng số', 'Định biên'], required: true },
];

export const PARTICIPANT_COLUMNS = [
  { field: 'staffCode', aliases: ['Mã cán bộ', 'Mã CB', 'Mã nhân viên', 'Mã số cán bộ'], required: true },
  { field: 'fullName', aliases: ['Họ và tên', 'Họ tên', 'Tên'], required: true },
  { field: 'unitCode', aliases: ['Mã đơn vị'], required: true },
  { field: 'clanCode', aliases: ['Mã dòng họ', 'Dòng họ'] },
  { field: 'pin', aliases: ['Mã PIN', 'PIN'] },
  { field: 'active', aliases: ['Hoạt động', 'Đang hoạt động', 'Trạng thái'] },
];

// What people write in a "Loại" column, compared without diacritics or case.
const CATEGORY_WORDS: Record<string, UnitCategory> = {
  district_office: 'district_office',
  'co quan': 'district_office',
  'co quan huyen': 'district_office',
  'phong ban': 'district_office',
  'khoi huyen': 'district_office',
  commune: 'commune',
  xa: 'commune',
  phuong: 'commune',
  'thi tran': 'commune',
  'xa/phuong': 'commune',
  'cap xa': 'commune',
  school: 'school',
  truong: 'school',
  'truong hoc': 'school',
  'khoi truong': 'school',
  other: 'other',
  khac: 'other',
};

export function parseCategory(text: string): UnitCategory | null {
  return CATEGORY_WORDS[searchKey(text)] ?? null;
}

const YES = new Set(['true', '1', 'yes', 'x', 'co', 'hoat dong', 'dang hoat dong']);
const NO = new Set(['false', '0', 'no', 'khong', 'ngung', 'ngung hoat dong', 'nghi']);

export function parseActive(text: string): boolean | null | undefined {
  if (!text) return undefined;
  const key = searchKey(text);
  return YES.has(key) ? true : NO.has(key) ? false : null;
}

const code = (text: string) => text.trim().toUpperCase();

function checkCode(row: number, field: string, value: string, problems: RowProblem[], required: boolean): string | null {
  if (!value) {
    if (required) problems.push(problem(row, field, `${field} is required`, `Thiếu ${field}`));
    return null;
  }
  if (!CODE_PATTERN.test(value)) {
    problems.push(
      problem(
        row,
        field,
        `${field} must be 1 to 50 of A-Z 0-9 . _ - (got "${value.slice(0, 60)}")`,
        `${field} chỉ gồm 1–50 ký tự A-Z 0-9 . _ - (đang là "${value.slice(0, 60)}")`,
      ),
    );
    return null;
  }
  return code(value);
}

function checkName(row: number, field: string, value: string, problems: RowProblem[]): string | null {
  const name = normaliseName(value);
  if (!name) problems.push(problem(row, field, `${field} is required`, `Thiếu ${field}`));
  else if (name.length > 200) problems.push(problem(row, field, `${field} is longer than 200 characters`, `${field} dài quá 200 ký tự`));
  else return name;
  return null;
}

/** Each code may appear once in a file: a second row would silently win otherwise. */
function checkUnique(row: number, field: string, value: string | null, seen: Map<string, number>, problems: RowProblem[]): void {
  if (value === null) return;
  const first = seen.get(value);
  if (first !== undefined) problems.push(problem(row, field, `${value} already appears in row ${first}`, `${value} đã có ở dòng ${first}`));
  else seen.set(value, row);
}

export function parseUnitRows(rows: Row[]): { units: UnitRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const units: UnitRow[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const before = problems.length;
    const unitCode = checkCode(row, 'code', values.code ?? '', problems, true);
    checkUnique(row, 'code', unitCode, seen, problems);
    const name = checkName(row, 'name', values.name ?? '', problems);
    const category = parseCategory(values.category ?? '');
    if (!category) {
      problems.push(
        problem(row, 'category', 'category must be district_office, commune, school or other', 'Loại đơn vị phải là: cơ quan huyện, xã, trường hoặc khác'),
      );
    }
    const parentCode = checkCode(row, 'parentCode', values.parentCode ?? '', problems, false);
    if (parentCode && parentCode === unitCode) {
      problems.push(problem(row, 'parentCode', 'a unit cannot be its own parent', 'Đơn vị không thể là cấp trên của chính nó'));
    }
    const headcountText = (values.headcount ?? '').replace(/[.,\s](?=\d{3}\b)/g, '');
    const headcount = /^\d{1,7}$/.test(headcountText) ? Number(headcountText) : null;
    if (headcount === null) problems.push(problem(row, 'headcount', 'headcount must be a whole number from 0', 'Số cán bộ phải là số nguyên từ 0'));
    if (problems.length === before) {
      units.push({ row, code: unitCode!, name: name!, category: category!, parentCode, headcount: headcount! });
    }
  }
  return { units, problems };
}

/** Async only to let other requests in between chunks of a 100,000-row roster. */
export async function parseParticipantRows(rows: Row[]): Promise<{ participants: ParticipantRow[]; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const participants: ParticipantRow[] = [];
  const seen = new Map<string, number>();
  for (const [index, { row, values }] of rows.entries()) {
    if (index % 2000 === 1999) await yieldToLoop();
    const before = problems.length;
    const staffCode = checkCode(row, 'staffCode', values.staffCode ?? '', problems, true);
    checkUnique(row, 'staffCode', staffCode, seen, problems);
    const fullName = checkName(row, 'fullName', values.fullName ?? '', problems);
    const unitCode = checkCode(row, 'unitCode', values.unitCode ?? '', problems, true);
    const clanCode = checkCode(row, 'clanCode', values.clanCode ?? '', problems, false);
    const pin = values.pin ?? '';
    if (pin && !PIN_PATTERN.test(pin)) problems.push(problem(row, 'pin', 'pin must be 4 to 8 digits', 'Mã PIN phải gồm 4 đến 8 chữ số'));
    const active = parseActive(values.active ?? '');
    if (active === null) problems.push(problem(row, 'active', 'active must be true or false (có / không)', 'Hoạt động phải là có hoặc không'));
    if (problems.length === before) {
      participants.push({ row, staffCode: staffCode!, fullName: fullName!, unitCode: unitCode!, clanCode, pin: pin || null, active: active ?? undefined });
    }
  }
  return { participants, problems };
}

/**
 * Codes of file units whose chain of parents loops, given the parents the file sets and the
 * parents units already have in the database (`existingParent`), file first.
 */
export function unitsInCycles(units: Pick<UnitRow, 'code' | 'parentCode'>[], existingParent: (code: string) => string | null): Set<string> {
  const parentInFile = new Map(units.map((unit) => [unit.code, unit.parentCode]));
  const parentOf = (unitCode: string) => (parentInFile.has(unitCode) ? parentInFile.get(unitCode)! : existingParent(unitCode));
  const looping = new Set<string>();
  for (const unit of units) {
    const visited = new Set<string>();
    let current: string | null = unit.code;
    while (current !== null && !visited.has(current)) {
      visited.add(current);
      current = parentOf(current);
    }
    if (current === unit.code) looping.add(unit.code);
  }
  return looping;
}
