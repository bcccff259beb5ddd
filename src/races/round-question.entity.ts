import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Question } from '../questions/question.entity';
import { Round } from './round.entity';

/** The fixed questions of a round, in order. */
@Entity('round_question')
@Index('UQ_round_question_position', ['roundId', 'position'], { unique: true })
export class RoundQuestion {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'round_id', type: 'integer' })
  roundId!: number;

  @ManyToOne(() => Round, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_round_question_round' })
  round?: Relation<Round>;

  @Index('IDX_round_question_question')
  @Column({ name: 'question_id', type: 'integer' })
  questionId!: number;

  @ManyToOne(() => Question, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'FK_round_question_question' })
  question?: Relation<Question>;

  @Column({ type: 'integer' })
  position!: number;
}
