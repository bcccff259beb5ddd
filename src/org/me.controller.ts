import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, ParticipantPrincipal } from '../access/principal';
import type { ParticipantSelf } from '../contract/org';
import { PARTICIPANT_SELF } from './org.schemas';
import { ParticipantsService } from './participants.service';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly participants: ParticipantsService) {}

  @Allow('participant')
  @Get()
  @ApiOkResponse({ schema: PARTICIPANT_SELF })
  me(@CurrentPrincipal() me: ParticipantPrincipal): Promise<ParticipantSelf> {
    return this.participants.self(me.id);
  }
}
