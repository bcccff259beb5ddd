import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms';

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A quiz question of the bank. Used questions are retired, never deleted, so results stay explainable. */
@Entity('question')
export class Question {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  type!: QuestionType;

  @Column({ type: 'text' })
  text!: string;

  @Index('IDX_question_topic')
  @Column({ type: 'varchar', length: 100, nullable: true })
  topic!: string | null;

  @Column({ type: 'integer' })
  difficulty!: number;

  @Column({ type: 'text', nullable: true })
  explanation!: string | null;

  @Column({ name: 'retired_at', type: 'bigint', nullable: true, transformer: epochMs })
  retiredAt!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;

  @OneToMany(() => QuestionChoice, (choice) => choice.question)
  choices?: QuestionChoice[];
}

@Entity('question_choice')
@Index('UQ_question_choice_position', ['questionId', 'position'], { unique: true })
export class QuestionChoice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'question_id', type: 'integer' })
  questionId!: number;

  @ManyToOne(() => Question, (question) => question.choices, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'FK_question_choice_question' })
  question?: Question;

  /** Order as written (A, B, C …); rounds shuffle per participant on top of it. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'boolean' })
  correct!: boolean;
}
