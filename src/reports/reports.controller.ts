import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from '../access/principal';
import { LimitReads } from '../access/read-limits';
import { IdParam } from '../http/id-param';
import { Sheet, csvStream, xlsxStream } from '../http/spreadsheet';
import { PageQuery } from '../http/validators';
import { PagedReportQuery, ReportQuery } from './dto/report-query.dto';
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

const scopeName = (query: ReportQuery) => (query.round ? `vong-${query.round}` : `cuoc-dua-${query.race ?? ''}`);

@ApiTags('reports')
@Allow('organiser')
@LimitReads('report')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly roundResults: RoundResultsService,
  ) {}

  @Get('participation')
  @ApiOkResponse({
    description: '`{ raceId, roundId, comparedWith, total, categories, units }`: participants, headcount, rate, ratePercent, scores and change.',
  })
  participation(@Query() query: ReportQuery, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.reports.participation(query, by);
  }

  @Get('participation.csv')
  async participationCsv(@Query() query: ReportQuery, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply) {
    download(reply, `tham-gia-${scopeName(query)}`, 'csv', await this.reports.participationExport(query, by, 'csv'));
  }

  @Get('participation.xlsx')
  async participationXlsx(@Query() query: ReportQuery, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply) {
    download(reply, `tham-gia-${scopeName(query)}`, 'xlsx', await this.reports.participationExport(query, by, 'xlsx'));
  }

  @Get('non-participants')
  @ApiOkResponse({ description: '`{ total, items: [{ id, staffCode, fullName, unitId, unitName }] }`, by unit then staff code.' })
  nonParticipants(@Query() query: PagedReportQuery, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.reports.nonParticipants(query, by, query.limit ?? 100, query.offset ?? 0);
  }

  @Get('non-participants.csv')
  async nonParticipantsCsv(@Query() query: ReportQuery, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply) {
    download(reply, `chua-tham-gia-${scopeName(query)}`, 'csv', await this.reports.nonParticipantSheets(query, by, 'csv'));
  }

  @Get('non-participants.xlsx')
  async nonParticipantsXlsx(@Query() query: ReportQuery, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply) {
    download(reply, `chua-tham-gia-${scopeName(query)}`, 'xlsx', await this.reports.nonParticipantSheets(query, by, 'xlsx'));
  }

  @Get('rounds/:id/results')
  @ApiOkResponse({
    description:
      '`{ total, participants: [{ rank, staffCode, fullName, unitName, score, correct, answered, timeMs }], questions: [{ text, answered, correctShare, averageMs, missed, mostChosenWrong }] }`',
  })
  results(@Param() { id }: IdParam, @Query() query: PageQuery, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.roundResults.roundResults(id, by, query.limit ?? 50, query.offset ?? 0);
  }

  @Get('rounds/:id/results.csv')
  async resultsCsv(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply) {
    download(reply, `ket-qua-vong-${id}`, 'csv', await this.roundResults.sheets(id, by, 'csv'));
  }

  @Get('rounds/:id/results.xlsx')
  async resultsXlsx(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply) {
    download(reply, `ket-qua-vong-${id}`, 'xlsx', await this.roundResults.sheets(id, by, 'xlsx'));
  }
}
