import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, OrganiserPrincipal, Principal } from '../access/principal';
import { IdParam } from '../http/id-param';
import { CreateRaceDto, CreateRoundDto } from './dto/race.dto';
import { RacesService } from './races.service';

@ApiTags('races')
@ApiBearerAuth()
@Controller()
export class RacesController {
  constructor(private readonly races: RacesService) {}

  @Allow('organiser')
  @Post('races')
  createRace(@Body() dto: CreateRaceDto, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.races.createRace(dto, by);
  }

  // Screens show the race's rounds and their countdown; nothing here is secret.
  @Allow('organiser', 'screen')
  @Get('races')
  listRaces(@CurrentPrincipal() viewer: Principal) {
    return this.races.listRaces(viewer);
  }

  @Allow('organiser', 'screen')
  @Get('races/:id')
  getRace(@Param() { id }: IdParam, @CurrentPrincipal() viewer: Principal) {
    return this.races.getRace(id, viewer);
  }

  @Allow('organiser')
  @Post('races/:id/rounds')
  createRound(@Param() { id }: IdParam, @Body() dto: CreateRoundDto, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.races.createRound(id, dto, by);
  }

  @Allow('organiser', 'screen')
  @Get('rounds/:id')
  getRound(@Param() { id }: IdParam, @CurrentPrincipal() viewer: Principal) {
    return this.races.getRound(id, viewer);
  }

  @Allow('organiser')
  @Post('rounds/:id/open')
  @HttpCode(200)
  open(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.races.act(id, 'open', by);
  }

  @Allow('organiser')
  @Post('rounds/:id/close')
  @HttpCode(200)
  close(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.races.act(id, 'close', by);
  }
}
