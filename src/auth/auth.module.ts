import { Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgModule } from '../org/org.module';
import { Participant } from '../org/participant.entity';
import { UnitMerges } from '../org/unit-merges';
import { Unit } from '../org/unit.entity';
import { Race } from '../races/race.entity';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Organiser } from './organiser.entity';
import { OrganisersController } from './organisers.controller';
import { OrganisersService } from './organisers.service';
import { ScreenToken } from './screen-token.entity';
import { ScreenTokensController } from './screen-tokens.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Organiser, ScreenToken, Participant, Unit, Race]), OrgModule],
  controllers: [AuthController, OrganisersController, ScreenTokensController],
  providers: [AuthService, OrganisersService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule implements OnModuleInit {
  constructor(private readonly unitMerges: UnitMerges) {}

  onModuleInit(): void {
    // A merged unit's organisers keep their work, now over the unit it joined.
    this.unitMerges.add(async (manager, { sourceId, targetId }) => {
      await manager.update(Organiser, { unitId: sourceId }, { unitId: targetId });
    });
  }
}
