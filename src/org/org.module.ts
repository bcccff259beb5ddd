import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StandingsModule } from '../standings/standings.module';
import { ClansController } from './clans.controller';
import { ClansService } from './clans.service';
import { Clan } from './clan.entity';
import { MeController } from './me.controller';
import { Participant } from './participant.entity';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';
import { RosterImportService } from './roster-import.service';
import { Unit } from './unit.entity';
import { UnitMerges } from './unit-merges';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

@Module({
  imports: [TypeOrmModule.forFeature([Unit, Clan, Participant]), StandingsModule],
  controllers: [UnitsController, ClansController, ParticipantsController, MeController],
  providers: [UnitMerges, UnitsService, ClansService, ParticipantsService, RosterImportService],
  exports: [UnitMerges, UnitsService, ParticipantsService, RosterImportService],
})
export class OrgModule {}
