import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { RaceView, RoundView } from '../contract/races';
import { arrayOf } from '../http/response-schema';
import { RACE_VIEW, ROUND_VIEW } from './race.schemas';
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
  @ApiCreatedResponse({ schema: RACE_VIEW })
  createRace(@Body() dto: CreateRaceDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<RaceView> {
    return this.races.createRace(dto, by);
  }

  // Screens show the race's rounds and their countdown; nothing here is secret.
  @Allow('organiser', 'screen')
  @Get('races')
  @ApiOkResponse({ schema: arrayOf(RACE_VIEW) })
  listRaces(@CurrentPrincipal() viewer: Principal): Promise<RaceView[]> {
    return this.races.listRaces(viewer);
  }

  @Allow('organiser', 'screen')
  @Get('races/:id')
  @ApiOkResponse({ schema: RACE_VIEW })
  getRace(@Param() { id }: IdParam, @CurrentPrincipal() viewer: Principal): Promise<RaceView> {
    return this.races.getRace(id, viewer);
  }

  @Allow('organiser')
  @Post('races/:id/rounds')
  @ApiCreatedResponse({ schema: ROUND_VIEW })
  createRound(@Param() { id }: IdParam, @Body() dto: CreateRoundDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<RoundView> {
    return this.races.createRound(id, dto, by);
  }

  @Allow('organiser', 'screen')
  @Get('rounds/:id')
  @ApiOkResponse({ schema: ROUND_VIEW })
  getRound(@Param() { id }: IdParam, @CurrentPrincipal() viewer: Principal): Promise<RoundView> {
    return this.races.getRound(id, viewer);
  }

  @Allow('organiser')
  @Post('rounds/:id/open')
  @HttpCode(200)
  @ApiOkResponse({ schema: ROUND_VIEW })
  open(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal): Promise<RoundView> {
    return this.races.act(id, 'open', by);
  }

  @Allow('organiser')
  @Post('rounds/:id/close')
  @HttpCode(200)
  @ApiOkResponse({ schema: ROUND_VIEW })
  close(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal): Promise<RoundView> {
    return this.races.act(id, 'close', by);
  }
}
