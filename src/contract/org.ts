// The organisation as the API shows it: units, clans, participants and roster imports
// (/units, /clans, /participants, /me).

export type UnitCategory = 'district_office' | 'commune' | 'school' | 'other';

export interface UnitView {
  id: number;
  code: string;
  name: string;
  category: UnitCategory;
  parentId: number | null;
  headcount: number;
  /** The unit it was merged into; a merged unit stays listed for history. */
  mergedIntoId: number | null;
}

/** A family clan (dòng họ); `unitId` null: the district's. */
export interface ClanView {
  id: number;
  code: string;
  name: string;
  unitId: number | null;
}

/**
 * How many times the ordinary time a person gets for each question of a window round (WCAG 2.2.1:
 * time limits can be extended). In a live round it spares them the speed penalty instead.
 */
export const TIME_MULTIPLIERS = [1, 1.5, 2, 3] as const;
export type TimeMultiplier = (typeof TIME_MULTIPLIERS)[number];

/** A participant as organisers see them: never the PIN, only whether there is one. */
export interface ParticipantView {
  id: number;
  staffCode: string;
  fullName: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  clanId: number | null;
  clanCode: string | null;
  active: boolean;
  hasPin: boolean;
  /** Too many wrong PINs: signing in is refused until then. */
  lockedUntil: string | null;
  timeMultiplier: TimeMultiplier;
}

/** What a participant sees of themselves (GET /me). */
export interface ParticipantSelf extends ParticipantView {
  clanName: string | null;
}

export interface ParticipantPage {
  total: number;
  items: ParticipantView[];
}

/** A problem with one cell of an uploaded table: `message` in English, `vi` in Vietnamese. */
export interface RowProblem {
  /** The row number the user sees in Excel: the header is row 1. */
  row: number;
  field: string;
  message: string;
  vi: string;
}

/** What a roster import did, or would do on a dry run. */
export interface ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  errors: RowProblem[];
}
