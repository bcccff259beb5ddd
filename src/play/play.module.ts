import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IsNull } from 'typeorm';
import { QuestionDealings } from '../questions/question-hooks';
import { QuestionsModule } from '../questions/questions.module';
import { QuestionChoice } from '../questions/question-choice.entity';
import { Round } from '../races/round.entity';
import { RacesModule } from '../races/races.module';
import { RoundAnnouncements, RoundClosings } from '../races/round-events';
import { LiveGateway } from '../live/live.gateway';
import { LiveModule } from '../live/live.module';
import { StandingsModule } from '../standings/standings.module';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ChoiceHandles } from './choice-handles';
import { LiveRoundsService } from './live-rounds.service';
import { PlayController } from './play.controller';
import { Answer } from './answer.entity';
import { AttemptQuestion } from './attempt-question.entity';
import { Attempt } from './attempt.entity';
import { PlayGateway } from './play.gateway';
import { PlayService } from './play.service';

@Module({
  imports: [TypeOrmModule.forFeature([Round, Answer, QuestionChoice]), RacesModule, QuestionsModule, LiveModule, StandingsModule],
  controllers: [PlayController],
  providers: [
    PlayService,
    LiveRoundsService,
    PlayGateway,
    // Keyed by a key derived from the app's secret: every instance of a cluster serves the same handles.
    { provide: ChoiceHandles, useFactory: (config: AppConfig) => new ChoiceHandles(config.jwtSecret), inject: [APP_CONFIG] },
  ],
  exports: [PlayService],
})
export class PlayModule implements OnModuleInit {
  constructor(
    private readonly closings: RoundClosings,
    private readonly announcements: RoundAnnouncements,
    private readonly live: LiveGateway,
    private readonly dealings: QuestionDealings,
  ) {}

  onModuleInit(): void {
    // A closing round finishes the attempts still in progress, in the closing transaction.
    this.closings.add(async (manager, { roundId, now }) => {
      await manager.update(Attempt, { roundId, finishedAt: IsNull() }, { finishedAt: now, updatedAt: now });
    });
    // Dealt to an attempt or answered: the question was seen.
    this.dealings.add(
      async (manager, { questionId }) =>
        (await manager.exists(AttemptQuestion, { where: { questionId } })) || (await manager.exists(Answer, { where: { questionId } })),
    );
    this.announcements.listen((round) => {
      this.live.broadcast('round:status', { roundId: round.id, raceId: round.raceId, status: round.status });
      if (round.mode === 'live' && round.status === 'closed') this.live.toRound(round.id, 'live:end', { roundId: round.id });
    });
  }
}
