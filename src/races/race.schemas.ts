import type { RaceView, RoundView } from '../contract/races';
import { arrayOf, boolean, dateTime, integer, nullable, oneOf, shape, string } from '../http/response-schema';

export const ROUND_VIEW = shape<RoundView>({
  id: integer,
  raceId: integer,
  name: string,
  status: oneOf('draft', 'scheduled', 'open', 'closed'),
  mode: oneOf('window', 'live'),
  opensAt: nullable(dateTime),
  closesAt: nullable(dateTime),
  secondsPerQuestion: integer,
  speedBonus: boolean,
  streakBonus: boolean,
  revealAnswers: oneOf('immediately', 'after_close'),
  questionCount: integer,
  draw: nullable(shape<NonNullable<RoundView['draw']>>({ count: integer, topic: nullable(string) })),
});

export const RACE_VIEW = shape<RaceView>({
  id: integer,
  name: string,
  unitId: nullable(integer),
  unitName: nullable(string),
  manageable: boolean,
  startsAt: nullable(dateTime),
  endsAt: nullable(dateTime),
  rounds: arrayOf(ROUND_VIEW),
});
