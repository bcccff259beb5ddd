import { Module } from '@nestjs/common';
import { StandingsModule } from '../standings/standings.module';
import { BoardCache } from './board-cache';
import { BoardVersions } from './board-versions';
import { BoardsController } from './boards.controller';
import { BoardsGateway } from './boards.gateway';
import { BoardsService } from './boards.service';

@Module({
  imports: [StandingsModule],
  controllers: [BoardsController],
  providers: [BoardsService, BoardCache, BoardVersions, BoardsGateway],
  exports: [BoardsService],
})
export class BoardsModule {}
