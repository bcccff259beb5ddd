import { Controller, Get, Res } from '@nestjs/common';
import { Public } from '../access/principal';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { oneOf, optional, shape } from '../http/response-schema';
import { HealthReport, HealthService } from './health.service';

const HEALTH_REPORT = shape<HealthReport>({ status: oneOf('ok', 'error'), db: oneOf('up', 'down'), redis: optional(oneOf('up', 'down')) });

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ schema: HEALTH_REPORT, description: 'Everything is up; `redis` only when the app uses Redis.' })
  @ApiServiceUnavailableResponse({ schema: HEALTH_REPORT, description: 'A dependency is down; the body says which.' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.check();
    reply.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
