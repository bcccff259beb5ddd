import { Module } from '@nestjs/common';
import { StandingsService } from './standings.service';

/** The race standings: lowest of the features, it imports none (it reaches their tables through SQL only). */
@Module({
  providers: [StandingsService],
  exports: [StandingsService],
})
export class StandingsModule {}
