import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClansController } from './clans.controller';
import { ClansService } from './clans.service';
import { Clan } from './clan.entity';
import { MeController } from './me.controller';
import { Participant } from './participant.entity';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';
import { RosterImportService } from './roster-import.service';
import { Unit } from './unit.entity';
import { UnitsController } from './units.controller';
import { UnitsService } from './units.service';

@Module({
  imports: [TypeOrmModule.forFeature([Unit, Clan, Participant])],
  controllers: [UnitsController, ClansController, ParticipantsController, MeController],
  providers: [UnitsService, ClansService, ParticipantsService, RosterImportService],
  exports: [UnitsService, ParticipantsService, RosterImportService],
})
export class OrgModule {}
