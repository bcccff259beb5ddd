import { Controller, Get, Header, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Allow, Public } from '../access/principal';
import type { QrLink } from '../contract/auth';
import { shape, string } from '../http/response-schema';
import { PagesService } from './pages.service';

const QR_LINK = shape<QrLink>({ url: string, qrSvg: string });

/** The three pages; their scripts and styles are under /assets (see bootstrap). */
@ApiTags('pages')
@Controller()
export class PagesController {
  constructor(private readonly pages: PagesService) {}

  @Public()
  @Get('/')
  @ApiExcludeEndpoint()
  participant(@Res() reply: FastifyReply): void {
    this.pages.send(reply, 'participant');
  }

  @Public()
  @Get('console')
  @ApiExcludeEndpoint()
  console(@Res() reply: FastifyReply): void {
    this.pages.send(reply, 'console');
  }

  @Public()
  @Get('screen')
  @ApiExcludeEndpoint()
  screen(@Res() reply: FastifyReply): void {
    this.pages.send(reply, 'screen');
  }

  /** The participant page's address as a QR code, for a screen or a printed poster. */
  @Allow('organiser', 'screen')
  @Get('join-qr')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ schema: QR_LINK, description: 'The address of the participant page and its QR code (SVG).' })
  joinQr(@Req() request: FastifyRequest): Promise<QrLink> {
    return this.pages.joinQr(`${request.protocol}://${request.host}`);
  }
}
