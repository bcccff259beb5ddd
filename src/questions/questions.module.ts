import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QuestionsController } from './questions.controller';
import { QuestionDealings, QuestionReplacements } from './question-hooks';
import { QuestionsService } from './questions.service';
import { Unit } from '../org/unit.entity';
import { QuestionChoice } from './question-choice.entity';
import { Question } from './question.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Question, QuestionChoice, Unit])],
  controllers: [QuestionsController],
  providers: [QuestionsService, QuestionDealings, QuestionReplacements],
  exports: [QuestionsService, QuestionDealings, QuestionReplacements],
})
export class QuestionsModule {}
