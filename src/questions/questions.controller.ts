import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../auth/principal';
import { IdParam } from '../http/id-param';
import { readUpload } from '../http/upload';
import { CreateQuestionDto, ExportQuestionsQuery, ImportQuestionsQuery, ListQuestionsQuery, UpdateQuestionDto } from './dto/question.dto';
import { formatOf, readQuestionFile, writeQuestionFile } from './question-files';
import { QuestionsService } from './questions.service';

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** Only organisers see questions: the bank holds the correct choices. */
@ApiTags('questions')
@ApiBearerAuth()
@Controller('questions')
export class QuestionsController {
  constructor(private readonly questions: QuestionsService) {}

  @Allow('organiser')
  @Post()
  create(@Body() dto: CreateQuestionDto) {
    return this.questions.create(dto);
  }

  @Allow('organiser')
  @Get()
  list(@Query() query: ListQuestionsQuery) {
    return this.questions.list(query);
  }

  @Allow('organiser')
  @Get('topics')
  topics() {
    return this.questions.topics();
  }

  @Allow('organiser')
  @Get('export')
  async export(@Query() query: ExportQuestionsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const file = await writeQuestionFile(await this.questions.everything(query.includeRetired ?? false), query.format);
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
  async import(@Req() request: FastifyRequest, @Query() query: ImportQuestionsQuery) {
    const upload = await readUpload(request);
    const parsed = await readQuestionFile(upload, formatOf(upload, query.format));
    return this.questions.import(parsed, query.dryRun ?? false);
  }

  @Allow('organiser')
  @Get(':id')
  get(@Param() { id }: IdParam) {
    return this.questions.get(id);
  }

  @Allow('organiser')
  @Patch(':id')
  update(@Param() { id }: IdParam, @Body() dto: UpdateQuestionDto) {
    return this.questions.update(id, dto);
  }

  @Allow('organiser')
  @Delete(':id')
  retire(@Param() { id }: IdParam) {
    return this.questions.retire(id);
  }
}
