import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { In } from 'typeorm';
import { OrgModule } from '../org/org.module';
import { UnitMerges } from '../org/unit-merges';
import { Unit } from '../org/unit.entity';
import { QuestionDealings, QuestionReplacements } from '../questions/question-hooks';
import { QuestionsModule } from '../questions/questions.module';
import { Question } from '../questions/question.entity';
import { Race } from './race.entity';
import { RoundQuestion } from './round-question.entity';
import { Round } from './round.entity';
import { RacesController } from './races.controller';
import { RacesService } from './races.service';
import { RoundAnnouncements, RoundClosings } from './round-events';

@Module({
  imports: [TypeOrmModule.forFeature([Race, Round, RoundQuestion, Question, Unit]), OrgModule, QuestionsModule],
  controllers: [RacesController],
  providers: [RacesService, RoundClosings, RoundAnnouncements],
  exports: [RacesService, RoundClosings, RoundAnnouncements],
})
export class RacesModule implements OnModuleInit {
  constructor(
    private readonly unitMerges: UnitMerges,
    private readonly dealings: QuestionDealings,
    private readonly replacements: QuestionReplacements,
  ) {}

  onModuleInit(): void {
    // A merged unit's races go with its people, who would otherwise be shut out of them.
    this.unitMerges.add(async (manager, { sourceId, targetId }) => {
      await manager.update(Race, { unitId: sourceId }, { unitId: targetId });
    });
    // On a live round's screen now, or listed by a round already opened: the question was seen.
    this.dealings.add(
      async (manager, { questionId }) =>
        (await manager.exists(Round, { where: { liveQuestionId: questionId } })) ||
        (await manager
          .createQueryBuilder(RoundQuestion, 'rq')
          .innerJoin(Round, 'r', 'r.id = rq.round_id')
          .where('rq.question_id = :questionId', { questionId })
          .andWhere('r.status IN (:...statuses)', { statuses: ['open', 'closed'] })
          .getExists()),
    );
    // Rounds not yet opened ask the new version; rounds already open or closed keep what they dealt.
    this.replacements.add(async (manager, { replacedId, createdId }) => {
      const waiting: { id: number | string }[] = await manager
        .createQueryBuilder(Round, 'r')
        .select('r.id', 'id')
        .innerJoin(RoundQuestion, 'rq', 'rq.round_id = r.id')
        .where('rq.question_id = :replacedId', { replacedId })
        .andWhere('r.status IN (:...statuses)', { statuses: ['draft', 'scheduled'] })
        .getRawMany();
      const rounds = waiting.map((row) => Number(row.id));
      if (rounds.length) await manager.update(RoundQuestion, { questionId: replacedId, roundId: In(rounds) }, { questionId: createdId });
      return rounds;
    });
  }
}
