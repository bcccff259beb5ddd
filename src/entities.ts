import { AuditEvent } from './audit/audit-event.entity';
import { Organiser } from './auth/organiser.entity';
import { ScreenToken } from './auth/screen-token.entity';
import { AppState } from './housekeeping/app-state.entity';
import { ScheduledJob } from './jobs/scheduled-job.entity';
import { Clan } from './org/clan.entity';
import { Participant } from './org/participant.entity';
import { Unit } from './org/unit.entity';
import { Answer } from './play/answer.entity';
import { AttemptQuestion } from './play/attempt-question.entity';
import { Attempt } from './play/attempt.entity';
import { GroupStanding } from './standings/group-standing.entity';
import { RaceStanding } from './standings/race-standing.entity';
import { QuestionChoice } from './questions/question-choice.entity';
import { Question } from './questions/question.entity';
import { Race } from './races/race.entity';
import { RoundQuestion } from './races/round-question.entity';
import { Round } from './races/round.entity';

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
