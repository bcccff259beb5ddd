import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from '../access/principal';
import type { JoinLink } from '../contract/auth';
import type { ImportReport, ParticipantPage, ParticipantView } from '../contract/org';
import { IdParam } from '../http/id-param';
import { readUpload } from '../http/upload';
import { CreateParticipantDto, JoinLinkDto, ListParticipantsQuery, UpdateParticipantDto } from './dto/participant.dto';
import { ImportQuery } from './dto/unit.dto';
import { IMPORT_REPORT, JOIN_LINK, PARTICIPANT_PAGE, PARTICIPANT_VIEW } from './org.schemas';
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
  @ApiCreatedResponse({ schema: PARTICIPANT_VIEW })
  create(@Body() dto: CreateParticipantDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<ParticipantView> {
    return this.participants.create(dto, by);
  }

  @Allow('organiser')
  @Get()
  @ApiOkResponse({ schema: PARTICIPANT_PAGE })
  list(@Query() query: ListParticipantsQuery, @CurrentPrincipal() by: OrganiserPrincipal): Promise<ParticipantPage> {
    return this.participants.list(query, by);
  }

  @Allow('organiser')
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOkResponse({ schema: IMPORT_REPORT })
  async import(@Req() request: FastifyRequest, @Query() query: ImportQuery, @CurrentPrincipal() by: OrganiserPrincipal): Promise<ImportReport> {
    const rows = await readRosterFile(await readUpload(request), PARTICIPANT_COLUMNS);
    return this.imports.importParticipants(rows, by, query.dryRun ?? false);
  }

  @Allow('organiser')
  @Get(':id')
  @ApiOkResponse({ schema: PARTICIPANT_VIEW })
  get(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal): Promise<ParticipantView> {
    return this.participants.get(id, by);
  }

  @Allow('organiser')
  @Patch(':id')
  @ApiOkResponse({ schema: PARTICIPANT_VIEW })
  update(@Param() { id }: IdParam, @Body() dto: UpdateParticipantDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<ParticipantView> {
    return this.participants.update(id, dto, by);
  }

  @Allow('organiser')
  @Post(':id/join-link')
  @ApiCreatedResponse({ schema: JOIN_LINK })
  joinLink(@Param() { id }: IdParam, @Body() dto: JoinLinkDto, @Req() request: FastifyRequest, @CurrentPrincipal() by: OrganiserPrincipal): Promise<JoinLink> {
    return this.participants.joinLink(id, by, `${request.protocol}://${request.host}`, dto.validDays);
  }
}
