import { arrayOf, boolean, dateTime, integer, nullable, oneOf, shape, string } from '../http/response-schema';
import type { ClanView } from './clans.service';
import type { ParticipantView } from './participants.service';
import type { ImportReport } from './roster-import.service';
import type { UnitView } from './units.service';

export const UNIT_VIEW = shape<UnitView>({
  id: integer,
  code: string,
  name: string,
  category: oneOf('district_office', 'commune', 'school', 'other'),
  parentId: nullable(integer),
  headcount: integer,
  mergedIntoId: nullable(integer),
});

export const CLAN_VIEW = shape<ClanView>({ id: integer, code: string, name: string, unitId: nullable(integer) });

const PARTICIPANT_FIELDS = {
  id: integer,
  staffCode: string,
  fullName: string,
  unitId: integer,
  unitCode: string,
  unitName: string,
  clanId: nullable(integer),
  clanCode: nullable(string),
  active: boolean,
  hasPin: boolean,
  lockedUntil: nullable(dateTime),
};

export const PARTICIPANT_VIEW = shape<ParticipantView>(PARTICIPANT_FIELDS);

export const PARTICIPANT_SELF = shape<ParticipantView & { clanName: string | null }>({ ...PARTICIPANT_FIELDS, clanName: nullable(string) });

export const PARTICIPANT_PAGE = shape<{ total: number; items: ParticipantView[] }>({ total: integer, items: arrayOf(PARTICIPANT_VIEW) });

export const IMPORT_REPORT = shape<ImportReport>({
  dryRun: boolean,
  created: integer,
  updated: integer,
  errors: arrayOf(shape<ImportReport['errors'][number]>({ row: integer, field: string, message: string, vi: string })),
});
