import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { IdParam } from '../http/id-param';
import { AuthService } from './auth.service';
import { CreateOrganiserDto, CreateScreenTokenDto } from './dto/create-organiser.dto';
import { JoinDto, OrganiserSignInDto, ParticipantSignInDto } from './dto/sign-in.dto';
import { OrganisersService } from './organisers.service';
import { Allow, CurrentPrincipal, OrganiserPrincipal, Principal, Public } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: OrganiserSignInDto, @Req() request: FastifyRequest) {
    return this.auth.signInOrganiser(dto.username, dto.password, request.ip);
  }

  @Public()
  @Post('participant')
  @HttpCode(200)
  participant(@Body() dto: ParticipantSignInDto, @Req() request: FastifyRequest) {
    return this.auth.signInParticipant(dto.staffCode, dto.pin, request.ip);
  }

  @Public()
  @Post('join')
  @HttpCode(200)
  join(@Body() dto: JoinDto) {
    return this.auth.join(dto.token);
  }

  @ApiBearerAuth()
  @Allow('organiser', 'participant', 'screen')
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('organisers')
export class OrganisersController {
  constructor(private readonly organisers: OrganisersService) {}

  @Allow('admin')
  @Post()
  create(@Body() dto: CreateOrganiserDto) {
    return this.organisers.create(dto);
  }

  @Allow('admin')
  @Get()
  list() {
    return this.organisers.list();
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('screen-tokens')
export class ScreenTokensController {
  constructor(private readonly organisers: OrganisersService) {}

  @Allow('organiser')
  @Post()
  async create(@Body() dto: CreateScreenTokenDto, @CurrentPrincipal() by: OrganiserPrincipal, @Req() request: FastifyRequest) {
    const made = await this.organisers.createScreenToken(dto.label, by, dto.raceId);
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
