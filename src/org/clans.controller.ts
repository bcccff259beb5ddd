import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { ClansService } from './clans.service';
import { CreateClanDto, ListClansQuery, UpdateClanDto } from './dto/unit.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('clans')
export class ClansController {
  constructor(private readonly clans: ClansService) {}

  @Allow('organiser')
  @Post()
  create(@Body() dto: CreateClanDto, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.clans.create(dto, by);
  }

  @Allow('organiser')
  @Get()
  list(@Query() query: ListClansQuery, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.clans.list(by, query.joinable ?? false);
  }

  @Allow('organiser')
  @Patch(':id')
  update(@Param() { id }: IdParam, @Body() dto: UpdateClanDto, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.clans.update(id, dto, by);
  }
}
