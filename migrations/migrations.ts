import { Foundation1764352800000 } from './1764352800000-foundation';
import { Organisation1764360000000 } from './1764360000000-organisation';
import { QuestionBank1764370000000 } from './1764370000000-question-bank';
import { Races1764380000000 } from './1764380000000-races';
import { Play1764390000000 } from './1764390000000-play';
import { Boards1764400000000 } from './1764400000000-boards';
import { RaceScope1764410000000 } from './1764410000000-race-scope';
import { SettledScores1764420000000 } from './1764420000000-settled-scores';
import { AttemptUnit1764430000000 } from './1764430000000-attempt-unit';
import { Sessions1764440000000 } from './1764440000000-sessions';
import { Audit1764450000000 } from './1764450000000-audit';
import { QuestionOwner1764460000000 } from './1764460000000-question-owner';
import { TimeMultiplier1764490000000 } from './1764490000000-time-multiplier';

/** In order; append new migrations, never edit one that has landed. */
export const MIGRATIONS = [
  Foundation1764352800000,
  Organisation1764360000000,
  QuestionBank1764370000000,
  Races1764380000000,
  Play1764390000000,
  Boards1764400000000,
  RaceScope1764410000000,
  SettledScores1764420000000,
  AttemptUnit1764430000000,
  Sessions1764440000000,
  Audit1764450000000,
  QuestionOwner1764460000000,
  TimeMultiplier1764490000000,
];
