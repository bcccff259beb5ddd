import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, ParticipantPrincipal } from '../auth/principal';
import { ParticipantsService } from './participants.service';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly participants: ParticipantsService) {}

  @Allow('participant')
  @Get()
  me(@CurrentPrincipal() me: ParticipantPrincipal) {
    return this.participants.self(me.id);
  }
}
