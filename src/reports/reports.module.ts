import { Module } from '@nestjs/common';
import { BoardsModule } from '../boards/boards.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { RoundResultsService } from './round-results.service';

@Module({ imports: [BoardsModule], controllers: [ReportsController], providers: [ReportsService, RoundResultsService] })
export class ReportsModule {}
