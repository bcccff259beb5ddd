import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { Question } from './question.entity';

@Entity('question_choice')
@Index('UQ_question_choice_position', ['questionId', 'position'], { unique: true })
export class QuestionChoice {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'question_id', type: 'integer' })
  questionId!: number;

  @ManyToOne(() => Question, (question) => question.choices, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'FK_question_choice_question' })
  question?: Relation<Question>;

  /** Stored order (A, B, C …), shuffled when the question was written so it says nothing of the key. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'boolean' })
  correct!: boolean;
}
