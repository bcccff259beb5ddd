import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { QuestionType } from '../contract/play';
import { epochMs } from '../database/epoch-ms';
import { Unit } from '../org/unit.entity';
import type { QuestionChoice } from './question-choice.entity';

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse'] as const satisfies readonly QuestionType[];

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

  /** The unit whose organisers own it (its answer key, edits, retiring); null: the district's. */
  @Index('IDX_question_unit')
  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId!: number | null;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_question_unit' })
  unit?: Relation<Unit> | null;

  /** The question this one is a new version of (that one is retired). */
  @Index('UQ_question_replaces', { unique: true })
  @Column({ name: 'replaces_id', type: 'integer', nullable: true })
  replacesId!: number | null;

  @ManyToOne(() => Question, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'replaces_id', foreignKeyConstraintName: 'FK_question_replaces' })
  replaces?: Relation<Question> | null;

  @Column({ name: 'retired_at', type: 'bigint', nullable: true, transformer: epochMs })
  retiredAt!: number | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;

  // By class name, not a type function: question-choice.entity imports this file, and importing it back would tie a cycle.
  @OneToMany<QuestionChoice>('QuestionChoice', (choice) => choice.question)
  choices?: Relation<QuestionChoice[]>;
}
