import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppState } from './app-state.entity';
import { HousekeepingService } from './housekeeping.service';

@Module({
  imports: [TypeOrmModule.forFeature([AppState])],
  providers: [HousekeepingService],
  exports: [HousekeepingService],
})
export class HousekeepingModule {}
