import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StandingsModule } from '../standings/standings.module';
import { ClansService } from './clans.service';
import { Clan } from './clan.entity';
import { ClansController, MeController, ParticipantsController, UnitsController } from './org.controller';
import { Participant } from './participant.entity';
import { ParticipantsService } from './participants.service';
import { RosterImportService } from './roster-import.service';
import { Unit } from './unit.entity';
import { UnitMerges } from './unit-merges';
import { UnitsService } from './units.service';

@Module({
  imports: [TypeOrmModule.forFeature([Unit, Clan, Participant]), StandingsModule],
  controllers: [UnitsController, ClansController, ParticipantsController, MeController],
  providers: [UnitMerges, UnitsService, ClansService, ParticipantsService, RosterImportService],
  exports: [UnitMerges, UnitsService, ParticipantsService, RosterImportService],
})
export class OrgModule {}
