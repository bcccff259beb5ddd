import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { readUpload } from '../http/upload';
import { CreateParticipantDto, JoinLinkDto, ListParticipantsQuery, UpdateParticipantDto } from './dto/participant.dto';
import { ImportQuery } from './dto/unit.dto';
import { ParticipantsService } from './participants.service';
import { RosterImportService } from './roster-import.service';
import { PARTICIPANT_COLUMNS } from './roster-rows';
import { FILE_BODY, readRosterFile } from './roster-file';

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
