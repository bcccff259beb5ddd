import { arrayOf, boolean, dateTime, integer, nullable, oneOf, shape, string } from '../http/response-schema';
import type { JoinLink } from '../contract/auth';
import { TIME_MULTIPLIERS } from '../contract/org';
import type { ClanView, ImportReport, ParticipantPage, ParticipantSelf, ParticipantView, RowProblem, UnitView } from '../contract/org';

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
  timeMultiplier: { type: 'number', enum: [...TIME_MULTIPLIERS] },
};

export const PARTICIPANT_VIEW = shape<ParticipantView>(PARTICIPANT_FIELDS);

export const PARTICIPANT_SELF = shape<ParticipantSelf>({ ...PARTICIPANT_FIELDS, clanName: nullable(string) });

export const PARTICIPANT_PAGE = shape<ParticipantPage>({ total: integer, items: arrayOf(PARTICIPANT_VIEW) });

export const IMPORT_REPORT = shape<ImportReport>({
  dryRun: boolean,
  created: integer,
  updated: integer,
  errors: arrayOf(shape<RowProblem>({ row: integer, field: string, message: string, vi: string })),
});

export const JOIN_LINK = shape<JoinLink>({ token: string, expiresAt: nullable(dateTime), url: string, qrSvg: string });
