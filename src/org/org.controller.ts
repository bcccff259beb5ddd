import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Allow, CurrentPrincipal, OrganiserPrincipal, ParticipantPrincipal } from '../access/principal';
import { readUpload } from '../http/upload';
import { ClansService } from './clans.service';
import { CreateParticipantDto, JoinLinkDto, ListParticipantsQuery, UpdateParticipantDto } from './dto/participant.dto';
import { IdParam } from '../http/id-param';
import { CreateClanDto, CreateUnitDto, ImportQuery, ListClansQuery, ListUnitsQuery, MergeUnitDto, UpdateClanDto, UpdateUnitDto } from './dto/unit.dto';
import { ParticipantsService } from './participants.service';
import { RosterImportService } from './roster-import.service';
import { PARTICIPANT_COLUMNS, UNIT_COLUMNS } from './roster-rows';
import { readRosterFile } from './roster-file';
import { UnitsService } from './units.service';

const FILE_BODY = {
  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: '.csv or .xlsx' } } },
};

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(
    private readonly units: UnitsService,
    private readonly imports: RosterImportService,
  ) {}

  @Allow('organiser')
  @Post()
  create(@Body() dto: CreateUnitDto, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.units.create(dto, by);
  }

  @Allow('organiser')
  @Get()
  list(@Query() query: ListUnitsQuery, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.units.list(query, by);
  }

  @Allow('organiser')
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  async import(@Req() request: FastifyRequest, @Query() query: ImportQuery, @CurrentPrincipal() by: OrganiserPrincipal) {
    const rows = await readRosterFile(await readUpload(request), UNIT_COLUMNS);
    return this.imports.importUnits(rows, by, query.dryRun ?? false);
  }

  @Allow('organiser')
  @Get(':id')
  get(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.units.get(id, by);
  }

  @Allow('organiser')
  @Patch(':id')
  update(@Param() { id }: IdParam, @Body() dto: UpdateUnitDto, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.units.update(id, dto, by);
  }

  @Allow('organiser')
  @Post(':id/merge')
  @HttpCode(200)
  merge(@Param() { id }: IdParam, @Body() dto: MergeUnitDto, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.units.merge(id, dto.intoCode, by);
  }
}

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

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('participants')
export class ParticipantsController {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly imports: RosterImportService,
  ) {}

  @Allow('organiser')
  @Post()
  create(@Body() dto: CreateParticipantDto, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.participants.create(dto, by);
  }

  @Allow('organiser')
  @Get()
  list(@Query() query: ListParticipantsQuery, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.participants.list(query, by);
  }

  @Allow('organiser')
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  async import(@Req() request: FastifyRequest, @Query() query: ImportQuery, @CurrentPrincipal() by: OrganiserPrincipal) {
    const rows = await readRosterFile(await readUpload(request), PARTICIPANT_COLUMNS);
    return this.imports.importParticipants(rows, by, query.dryRun ?? false);
  }

  @Allow('organiser')
  @Get(':id')
  get(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.participants.get(id, by);
  }

  @Allow('organiser')
  @Patch(':id')
  update(@Param() { id }: IdParam, @Body() dto: UpdateParticipantDto, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.participants.update(id, dto, by);
  }

  @Allow('organiser')
  @Post(':id/join-link')
  joinLink(@Param() { id }: IdParam, @Body() dto: JoinLinkDto, @Req() request: FastifyRequest, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.participants.joinLink(id, by, `${request.protocol}://${request.host}`, dto.validDays);
  }
}

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
