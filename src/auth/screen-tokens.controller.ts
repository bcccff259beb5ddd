import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import type { NewScreenToken, ScreenTokenView } from '../contract/auth';
import { Errors } from '../http/errors';
import { IdParam } from '../http/id-param';
import { arrayOf } from '../http/response-schema';
import { NEW_SCREEN_TOKEN, SCREEN_TOKEN_VIEW } from './auth.schemas';
import { CreateScreenTokenDto } from './dto/create-organiser.dto';
import { OrganisersService } from './organisers.service';
import { Allow, CurrentPrincipal, OrganiserPrincipal } from '../access/principal';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('screen-tokens')
export class ScreenTokensController {
  constructor(private readonly organisers: OrganisersService) {}

  @Allow('organiser')
  @Post()
  @ApiCreatedResponse({ schema: NEW_SCREEN_TOKEN })
  async create(@Body() dto: CreateScreenTokenDto, @CurrentPrincipal() by: OrganiserPrincipal, @Req() request: FastifyRequest): Promise<NewScreenToken> {
    const expiresAt = dto.expiresAt === undefined ? undefined : Date.parse(dto.expiresAt);
    if (expiresAt !== undefined && expiresAt <= Date.now()) {
      throw Errors.of('EXPIRES_IN_THE_PAST');
    }
    const made = await this.organisers.createScreenToken(dto.label, by, dto.raceId, expiresAt);
    return { ...made, ...(await this.organisers.screenLink(made.token, `${request.protocol}://${request.host}`, dto.raceId)) };
  }

  @Allow('organiser')
  @Get()
  @ApiOkResponse({ schema: arrayOf(SCREEN_TOKEN_VIEW) })
  list(@CurrentPrincipal() by: OrganiserPrincipal): Promise<ScreenTokenView[]> {
    return this.organisers.listScreenTokens(by);
  }

  @Allow('organiser')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  revoke(@Param() { id }: IdParam, @CurrentPrincipal() by: OrganiserPrincipal): Promise<void> {
    return this.organisers.revokeScreenToken(id, by);
  }
}
