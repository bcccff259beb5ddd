import { AuditEvent } from './audit/audit-event.entity';
import { Organiser } from './auth/organiser.entity';
import { ScreenToken } from './auth/screen-token.entity';
import { AppState } from './housekeeping/app-state.entity';
import { ScheduledJob } from './jobs/scheduled-job.entity';
import { Clan } from './org/clan.entity';
import { Participant } from './org/participant.entity';
import { Unit } from './org/unit.entity';
import { Answer, Attempt, AttemptQuestion } from './play/play.entity';
import { GroupStanding } from './standings/group-standing.entity';
import { RaceStanding } from './standings/race-standing.entity';
import { Question, QuestionChoice } from './questions/question.entity';
import { Race, Round, RoundQuestion } from './races/race.entity';

/** Every entity of the app, for the data source and the schema check. */
export const ENTITIES = [
  AppState,
  ScheduledJob,
  Unit,
  Clan,
  Participant,
  Organiser,
  ScreenToken,
  Question,
  QuestionChoice,
  Race,
  Round,
  RoundQuestion,
  Attempt,
  AttemptQuestion,
  Answer,
  RaceStanding,
  GroupStanding,
  AuditEvent,
];
