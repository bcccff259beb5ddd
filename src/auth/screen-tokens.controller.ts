import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Errors } from '../http/errors';
import { IdParam } from '../http/id-param';
import { CreateScreenTokenDto } from './dto/create-organiser.dto';
import { OrganisersService } from './organisers.service';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from './principal';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('screen-tokens')
export class ScreenTokensController {
  constructor(private readonly organisers: OrganisersService) {}

  @Allow('organiser')
  @Post()
  async create(@Body() dto: CreateScreenTokenDto, @CurrentPrincipal() by: OrganiserPrincipal, @Req() request: FastifyRequest) {
    const expiresAt = dto.expiresAt === undefined ? undefined : Date.parse(dto.expiresAt);
    if (expiresAt !== undefined && expiresAt <= Date.now()) {
      throw Errors.of('EXPIRES_IN_THE_PAST');
    }
    const made = await this.organisers.createScreenToken(dto.label, by, dto.raceId, expiresAt);
    return { ...made, ...(await this.organisers.screenLink(made.token, `${request.protocol}://${request.host}`, dto.raceId)) };
  }

  @Allow('organiser')
  @Get()
  list(@CurrentPrincipal() by: OrganiserPrincipal) {
    return this.organisers.listScreenTokens(by);
  }

  @Allow('organiser')
  @Delete(':id')
  @HttpCode(204)
  revoke(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal) {
    return this.organisers.revokeScreenToken(id, by);
  }
}
