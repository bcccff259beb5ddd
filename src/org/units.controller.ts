import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from '../access/principal';
import type { ImportReport, UnitView } from '../contract/org';
import { IdParam } from '../http/id-param';
import { arrayOf } from '../http/response-schema';
import { readUpload } from '../http/upload';
import { CreateUnitDto, ImportQuery, ListUnitsQuery, MergeUnitDto, UpdateUnitDto } from './dto/unit.dto';
import { IMPORT_REPORT, UNIT_VIEW } from './org.schemas';
import { RosterImportService } from './roster-import.service';
import { UNIT_COLUMNS } from './roster-rows';
import { FILE_BODY, readRosterFile } from './roster-file';
import { UnitsService } from './units.service';

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
  @ApiCreatedResponse({ schema: UNIT_VIEW })
  create(@Body() dto: CreateUnitDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<UnitView> {
    return this.units.create(dto, by);
  }

  @Allow('organiser')
  @Get()
  @ApiOkResponse({ schema: arrayOf(UNIT_VIEW) })
  list(@Query() query: ListUnitsQuery, @CurrentPrincipal() by: OrganiserPrincipal): Promise<UnitView[]> {
    return this.units.list(query, by);
  }

  @Allow('organiser')
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiOkResponse({ schema: IMPORT_REPORT })
  async import(@Req() request: FastifyRequest, @Query() query: ImportQuery, @CurrentPrincipal() by: OrganiserPrincipal): Promise<ImportReport> {
    const rows = await readRosterFile(await readUpload(request), UNIT_COLUMNS);
    return this.imports.importUnits(rows, by, query.dryRun ?? false);
  }

  @Allow('organiser')
  @Get(':id')
  @ApiOkResponse({ schema: UNIT_VIEW })
  get(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal): Promise<UnitView> {
    return this.units.get(id, by);
  }

  @Allow('organiser')
  @Patch(':id')
  @ApiOkResponse({ schema: UNIT_VIEW })
  update(@Param() { id }: IdParam, @Body() dto: UpdateUnitDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<UnitView> {
    return this.units.update(id, dto, by);
  }

  @Allow('organiser')
  @Post(':id/merge')
  @HttpCode(200)
  @ApiOkResponse({ schema: UNIT_VIEW })
  merge(@Param() { id }: IdParam, @Body() dto: MergeUnitDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<UnitView> {
    return this.units.merge(id, dto.intoCode, by);
  }
}
