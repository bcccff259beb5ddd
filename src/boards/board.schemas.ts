import type { BoardAroundMe, BoardReply, ClanEntry, GroupEntry, IndividualEntry } from '../contract/boards';
import { always, anyOf, arrayOf, dateTime, extend, integer, nullable, number, oneOf, optional, shape, string } from '../http/response-schema';

const INDIVIDUAL_ENTRY = shape<IndividualEntry>({
  rank: integer,
  id: integer,
  name: string,
  score: number,
  unitId: integer,
  unitName: string,
  clanId: nullable(integer),
  clanName: nullable(string),
});

const GROUP_ENTRY = shape<GroupEntry>({
  id: anyOf(integer, string),
  name: string,
  rank: integer,
  score: number,
  participants: integer,
  headcount: integer,
  totalScore: number,
  counted: optional(integer),
  category: optional(string),
  participationRate: number,
  averageScore: number,
  perHeadScore: number,
  headcountOutdated: optional(always(true)),
});

const CLAN_ENTRY = shape<ClanEntry>({ id: integer, name: string, rank: integer, score: number, participants: integer, totalScore: number });

export const BOARD_REPLY = shape<BoardReply>({
  board: oneOf('individuals', 'units', 'categories', 'schools', 'clans'),
  raceId: integer,
  roundId: nullable(integer),
  updatedAt: dateTime,
  total: integer,
  entries: arrayOf(anyOf(INDIVIDUAL_ENTRY, GROUP_ENTRY, CLAN_ENTRY)),
  scoresHeld: optional(always(true)),
});

export const BOARD_AROUND_ME = extend<Omit<BoardAroundMe, keyof BoardReply>>(BOARD_REPLY, { me: nullable(INDIVIDUAL_ENTRY) });

export const REBUILT = shape<{ raceId: number; rebuilt: true }>({ raceId: integer, rebuilt: always(true) });
