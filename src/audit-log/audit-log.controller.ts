import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from '../access/principal';
import type { AuditPage } from '../contract/audit';
import { binary } from '../http/response-schema';
import { csvStream } from '../http/spreadsheet';
import { AUDIT_PAGE } from './audit-log.schemas';
import { AuditLogService } from './audit-log.service';
import { AuditFilterQuery, AuditQuery } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Allow('organiser')
@Controller()
export class AuditLogController {
  constructor(private readonly audit: AuditLogService) {}

  @Get('audit')
  @ApiOkResponse({ schema: AUDIT_PAGE, description: 'Newest first' })
  list(@Query() query: AuditQuery, @CurrentPrincipal() by: OrganiserPrincipal): Promise<AuditPage> {
    const { limit, offset, ...filters } = query;
    return this.audit.list(filters, by, limit ?? 50, offset ?? 0);
  }

  @Get('audit.csv')
  @ApiProduces('text/csv; charset=utf-8')
  @ApiOkResponse({ schema: binary, description: 'The same events as CSV (UTF-8 with BOM), newest first, at most 50,000 rows' })
  async csv(@Query() query: AuditFilterQuery, @CurrentPrincipal() by: OrganiserPrincipal, @Res() reply: FastifyReply): Promise<void> {
    const sheet = await this.audit.sheet(query, by);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="nhat-ky.csv"')
      .header('cache-control', 'no-store')
      .send(csvStream([sheet]));
  }
}
