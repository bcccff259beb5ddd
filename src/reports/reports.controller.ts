import { Controller, Get, Param, Query, Res, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from '../access/principal';
import { LimitReads } from '../access/read-limits';
import type { NonParticipantPage, ParticipationReport, RoundResults } from '../contract/reports';
import { IdParam } from '../http/id-param';
import { binary } from '../http/response-schema';
import { Sheet, csvStream, xlsxStream } from '../http/spreadsheet';
import { PageQuery } from '../http/validators';
import { PagedReportQuery, ReportQuery } from './dto/report-query.dto';
import { NON_PARTICIPANT_PAGE, PARTICIPATION_REPORT, ROUND_RESULTS } from './report.schemas';
import { ReportsService } from './reports.service';
import { RoundResultsService } from './round-results.service';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** Sends sheets as a download, written while it goes out. */
function download(reply: FastifyReply, name: string, format: 'csv' | 'xlsx', sheets: Sheet[]): void {
  reply
    .header('content-type', CONTENT_TYPES[format])
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .header('cache-control', 'no-store')
    .send(format === 'csv' ? csvStream(sheets) : xlsxStream(sheets));
}

/** A download's reply as /api/docs shows it: the file's bytes, of the format's content type. */
const File = (format: 'csv' | 'xlsx') =>
  applyDecorators(
    ApiProduces(CONTENT_TYPES[format]),
    ApiOkResponse({ schema: binary, description: format === 'csv' ? 'A CSV file (UTF-8 with BOM)' : 'An Excel workbook' }),
  );

const scopeName = (query: ReportQuery) => (query.round ? `vong-${query.round}` : `cuoc-dua-${query.race ?? ''}`);

@ApiTags('reports')
@ApiBearerAuth()
@Allow('organiser')
@LimitReads('report')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly roundResults: RoundResultsService,
  ) {}

  @Get('participation')
  @ApiOkResponse({ schema: PARTICIPATION_REPORT })
  participation(@Query() query: ReportQuery, @CurrentPrincipal() by: OrganiserPrincipal): Promise<ParticipationReport> {
    return this.reports.participation(query, by);
  }

  @Get('participation.csv')
  @File('csv')
  async participationCsv(@Query() query: ReportQuery, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply): Promise<void> {
    download(reply, `tham-gia-${scopeName(query)}`, 'csv', await this.reports.participationExport(query, by, 'csv'));
  }

  @Get('participation.xlsx')
  @File('xlsx')
  async participationXlsx(@Query() query: ReportQuery, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply): Promise<void> {
    download(reply, `tham-gia-${scopeName(query)}`, 'xlsx', await this.reports.participationExport(query, by, 'xlsx'));
  }

  @Get('non-participants')
  @ApiOkResponse({ schema: NON_PARTICIPANT_PAGE, description: 'By unit, then staff code.' })
  nonParticipants(@Query() query: PagedReportQuery, @CurrentPrincipal() by: OrganiserPrincipal): Promise<NonParticipantPage> {
    return this.reports.nonParticipants(query, by, query.limit ?? 100, query.offset ?? 0);
  }

  @Get('non-participants.csv')
  @File('csv')
  async nonParticipantsCsv(@Query() query: ReportQuery, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply): Promise<void> {
    download(reply, `chua-tham-gia-${scopeName(query)}`, 'csv', await this.reports.nonParticipantSheets(query, by, 'csv'));
  }

  @Get('non-participants.xlsx')
  @File('xlsx')
  async nonParticipantsXlsx(@Query() query: ReportQuery, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply): Promise<void> {
    download(reply, `chua-tham-gia-${scopeName(query)}`, 'xlsx', await this.reports.nonParticipantSheets(query, by, 'xlsx'));
  }

  @Get('rounds/:id/results')
  @ApiOkResponse({ schema: ROUND_RESULTS, description: 'A page of the people, ranked; every question, hardest first.' })
  results(@Param() { id }: IdParam, @Query() query: PageQuery, @CurrentPrincipal() by: OrganiserPrincipal): Promise<RoundResults> {
    return this.roundResults.roundResults(id, by, query.limit ?? 50, query.offset ?? 0);
  }

  @Get('rounds/:id/results.csv')
  @File('csv')
  async resultsCsv(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply): Promise<void> {
    download(reply, `ket-qua-vong-${id}`, 'csv', await this.roundResults.sheets(id, by, 'csv'));
  }

  @Get('rounds/:id/results.xlsx')
  @File('xlsx')
  async resultsXlsx(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply): Promise<void> {
    download(reply, `ket-qua-vong-${id}`, 'xlsx', await this.roundResults.sheets(id, by, 'xlsx'));
  }
}
