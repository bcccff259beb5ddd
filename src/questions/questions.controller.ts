import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from '../access/principal';
import type { QuestionImportReport, QuestionPage, QuestionView, TopicCount } from '../contract/questions';
import { IdParam } from '../http/id-param';
import { binary } from '../http/response-schema';
import { readUpload } from '../http/upload';
import { CreateQuestionDto, ExportQuestionsQuery, ImportQuestionsQuery, ListQuestionsQuery, UpdateQuestionDto, VersionQuestionDto } from './dto/question.dto';
import { formatOf, readQuestionFile } from './question-files';
import { QUESTION_IMPORT, QUESTION_PAGE, QUESTION_VIEW, TOPICS } from './question.schemas';
import { QuestionsService } from './questions.service';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/**
 * Only organisers see questions, and only those usable in their races; the answer keys, edits,
 * versions, retiring and exports only of the questions they own (their subtree's; all for the district).
 */
@ApiTags('questions')
@ApiBearerAuth()
@Controller('questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Allow('organiser')
  @Post()
  @ApiCreatedResponse({ schema: QUESTION_VIEW })
  create(@Body() dto: CreateQuestionDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<QuestionView> {
    return this.questions.create(dto, by);
  }

  @Allow('organiser')
  @Get()
  @ApiOkResponse({ schema: QUESTION_PAGE })
  list(@Query() query: ListQuestionsQuery, @CurrentPrincipal() by: OrganiserPrincipal): Promise<QuestionPage> {
    return this.questions.list(query, by);
  }

  @Allow('organiser')
  @Get('topics')
  @ApiOkResponse({ schema: TOPICS })
  topics(@CurrentPrincipal() by: OrganiserPrincipal): Promise<TopicCount[]> {
    return this.questions.topics(by);
  }

  @Allow('organiser')
  @Get('export')
  @ApiProduces(CONTENT_TYPES.csv, CONTENT_TYPES.xlsx)
  @ApiOkResponse({ schema: binary, description: 'The file, in the format asked for' })
  async export(
    @Query() query: ExportQuestionsQuery,
    @CurrentPrincipal() by: OrganiserPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.questions.exportFile(by, query.format, query.includeRetired ?? false);
    reply.header('content-type', CONTENT_TYPES[query.format]);
    reply.header('content-disposition', `attachment; filename="cau-hoi.${query.format}"`);
    return file;
  }

  @Allow('organiser')
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' }, format: { type: 'string', enum: ['csv', 'xlsx', 'aiken', 'gift', 'docx'] } },
    },
  })
  @ApiOkResponse({ schema: QUESTION_IMPORT })
  async import(
    @Req() request: FastifyRequest,
    @Query() query: ImportQuestionsQuery,
    @CurrentPrincipal() by: OrganiserPrincipal,
  ): Promise<QuestionImportReport> {
    const upload = await readUpload(request);
    const parsed = await readQuestionFile(upload, formatOf(upload, query.format));
    return this.questions.import(parsed, query.dryRun ?? false, by);
  }

  @Allow('organiser')
  @Get(':id')
  @ApiOkResponse({ schema: QUESTION_VIEW })
  get(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal): Promise<QuestionView> {
    return this.questions.get(id, by);
  }

  @Allow('organiser')
  @Patch(':id')
  @ApiOkResponse({ schema: QUESTION_VIEW })
  update(@Param() { id }: IdParam, @Body() dto: UpdateQuestionDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<QuestionView> {
    return this.questions.update(id, dto, by);
  }

  @Allow('organiser')
  @Post(':id/versions')
  @ApiCreatedResponse({ schema: QUESTION_VIEW })
  version(@Param() { id }: IdParam, @Body() dto: VersionQuestionDto, @CurrentPrincipal() by: OrganiserPrincipal): Promise<QuestionView> {
    return this.questions.version(id, dto, by);
  }

  @Allow('organiser')
  @Delete(':id')
  @ApiOkResponse({ schema: QUESTION_VIEW })
  retire(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal): Promise<QuestionView> {
    return this.questions.retire(id, by);
  }
}
