import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../access/principal';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { string } from '../http/response-schema';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({ schema: string, description: 'Prometheus text format' })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
