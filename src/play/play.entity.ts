import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';
import { Participant } from '../org/participant.entity';
import { Question } from '../questions/question.entity';
import { Round } from '../races/race.entity';

/**
 * One participant's go at one round: also the round's standing row for that participant.
 * Window rounds: `position` is the question being answered now. Live rounds: the last
 * position answered (-1 before any), so a missed question breaks the streak.
 */
@Entity('attempt')
@Index('UQ_attempt_round_participant', ['roundId', 'participantId'], { unique: true })
export class Attempt {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'round_id', type: 'integer' })
  roundId!: number;

  @ManyToOne(() => Round, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_attempt_round' })
  round?: Round;

  @Index('IDX_attempt_participant')
  @Column({ name: 'participant_id', type: 'integer' })
  participantId!: number;

  @ManyToOne(() => Participant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'participant_id', foreignKeyConstraintName: 'FK_attempt_participant' })
  participant?: Participant;

  /** The participant's unit and clan when the attempt began: its results count for them. */
  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId!: number | null;

  @Column({ name: 'clan_id', type: 'integer', nullable: true })
  clanId!: number | null;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'question_count', type: 'integer' })
  questionCount!: number;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'integer' })
  streak!: number;

  @Column({ type: 'integer' })
  answered!: number;

  @Column({ name: 'correct_count', type: 'integer' })
  correctCount!: number;

  @Column({ name: 'started_at', type: 'bigint', transformer: epochMs })
  startedAt!: number;

  @Column({ name: 'finished_at', type: 'bigint', nullable: true, transformer: epochMs })
  finishedAt!: number | null;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}

/** A window attempt's questions in the order and choice order this participant got them. */
@Entity('attempt_question')
@Index('UQ_attempt_question_position', ['attemptId', 'position'], { unique: true })
export class AttemptQuestion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'attempt_id', type: 'integer' })
  attemptId!: number;

  @ManyToOne(() => Attempt, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attempt_id', foreignKeyConstraintName: 'FK_attempt_question_attempt' })
  attempt?: Attempt;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'question_id', type: 'integer' })
  questionId!: number;

  @ManyToOne(() => Question, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'FK_attempt_question_question' })
  question?: Question;

  /** Choice ids, comma-separated, in the order shown to this participant. */
  @Column({ name: 'choice_order', type: 'varchar', length: 200 })
  choiceOrder!: string;

  /** When the server sent the question: its clock starts here. Null until sent. */
  @Column({ name: 'sent_at', type: 'bigint', nullable: true, transformer: epochMs })
  sentAt!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: epochMs })
  deadline!: number | null;
}

/** The answer log: one row per attempt and question, the unique key that makes answers exactly-once. */
@Entity('answer')
@Index('UQ_answer_attempt_question', ['attemptId', 'questionId'], { unique: true })
@Index('IDX_answer_round_question', ['roundId', 'questionId'])
export class Answer {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'attempt_id', type: 'integer' })
  attemptId!: number;

  @ManyToOne(() => Attempt, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attempt_id', foreignKeyConstraintName: 'FK_answer_attempt' })
  attempt?: Attempt;

  @Column({ name: 'question_id', type: 'integer' })
  questionId!: number;

  @Column({ name: 'round_id', type: 'integer' })
  roundId!: number;

  @Column({ name: 'participant_id', type: 'integer' })
  participantId!: number;

  /** Sorted choice ids, comma-separated; null when the deadline passed without an answer. */
  @Column({ name: 'choice_ids', type: 'varchar', length: 200, nullable: true })
  choiceIds!: string | null;

  @Column({ type: 'boolean' })
  correct!: boolean;

  @Column({ type: 'integer' })
  points!: number;

  @Column({ name: 'response_ms', type: 'integer', nullable: true })
  responseMs!: number | null;

  /** The attempt's score and streak just after this answer: a repeated answer gets the same reply. */
  @Column({ name: 'score_after', type: 'integer' })
  scoreAfter!: number;

  @Column({ name: 'streak_after', type: 'integer' })
  streakAfter!: number;

  @Column({ name: 'received_at', type: 'bigint', transformer: epochMs })
  receivedAt!: number;
}
