import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QuestionChoice } from '../questions/question.entity';
import { Round } from '../races/race.entity';
import { RacesModule } from '../races/races.module';
import { StandingsModule } from '../standings/standings.module';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ChoiceHandles } from './choice-handles';
import { LiveRoundsService } from './live-rounds.service';
import { PlayController } from './play.controller';
import { Answer } from './play.entity';
import { PlayGateway } from './play.gateway';
import { PlayService } from './play.service';

@Module({
  imports: [TypeOrmModule.forFeature([Round, Answer, QuestionChoice]), RacesModule, StandingsModule],
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
export class PlayModule {}
