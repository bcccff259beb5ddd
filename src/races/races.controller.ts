import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/principal';
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
  createRace(@Body() dto: CreateRaceDto) {
    return this.races.createRace(dto);
  }

  // Screens show the race's rounds and their countdown; nothing here is secret.
  @Allow('organiser', 'screen')
  @Get('races')
  listRaces() {
    return this.races.listRaces();
  }

  @Allow('organiser', 'screen')
  @Get('races/:id')
  getRace(@Param() { id }: IdParam) {
    return this.races.getRace(id);
  }

  @Allow('organiser')
  @Post('races/:id/rounds')
  createRound(@Param() { id }: IdParam, @Body() dto: CreateRoundDto) {
    return this.races.createRound(id, dto);
  }

  @Allow('organiser', 'screen')
  @Get('rounds/:id')
  getRound(@Param() { id }: IdParam) {
    return this.races.getRound(id);
  }

  @Allow('organiser')
  @Post('rounds/:id/open')
  @HttpCode(200)
  open(@Param() { id }: IdParam) {
    return this.races.act(id, 'open');
  }

  @Allow('organiser')
  @Post('rounds/:id/close')
  @HttpCode(200)
  close(@Param() { id }: IdParam) {
    return this.races.act(id, 'close');
  }
}
