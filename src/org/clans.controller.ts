import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from '../access/principal';
import type { ClanView } from '../contract/org';
import { IdParam } from '../http/id-param';
import { arrayOf } from '../http/response-schema';
import { ClansService } from './clans.service';
import { CLAN_VIEW } from './org.schemas';
import { CreateClanDto, ListClansQuery, UpdateClanDto } from './dto/unit.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('clans')
export class ClansController {
  constructor(private readonly clans: ClansService) {}

  @Allow('organiser')
  @Post()
  @ApiCreatedResponse({ schema: CLAN_VIEW })
  create(@Body() dto: CreateClanDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<ClanView> {
    return this.clans.create(dto, by);
  }

  @Allow('organiser')
  @Get()
  @ApiOkResponse({ schema: arrayOf(CLAN_VIEW) })
  list(@Query() query: ListClansQuery, @CurrentPrincipal() by: OrganiserPrincipal): Promise<ClanView[]> {
    return this.clans.list(by, query.joinable ?? false);
  }

  @Allow('organiser')
  @Patch(':id')
  @ApiOkResponse({ schema: CLAN_VIEW })
  update(@Param() { id }: IdParam, @Body() dto: UpdateClanDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<ClanView> {
    return this.clans.update(id, dto, by);
  }
}
