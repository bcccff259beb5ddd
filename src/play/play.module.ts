import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BoardsModule } from '../boards/boards.module';
import { QuestionChoice } from '../questions/question.entity';
import { Round } from '../races/race.entity';
import { RacesModule } from '../races/races.module';
import { LiveRoundsService } from './live-rounds.service';
import { PlayController } from './play.controller';
import { Answer } from './play.entity';
import { PlayGateway } from './play.gateway';
import { PlayService } from './play.service';

@Module({
  imports: [TypeOrmModule.forFeature([Round, Answer, QuestionChoice]), RacesModule, BoardsModule],
  controllers: [PlayController],
  providers: [PlayService, LiveRoundsService, PlayGateway],
  exports: [PlayService],
})
export class PlayModule {}
