import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { IdParam } from '../http/id-param';
import { AppException } from '../http/app-exception';
import { AuthService, OrganiserSession, ParticipantSession } from './auth.service';
import { ChangePasswordDto, CreateOrganiserDto, CreateScreenTokenDto, UpdateOrganiserDto } from './dto/create-organiser.dto';
import { JoinDto, OrganiserSignInDto, ParticipantSignInDto } from './dto/sign-in.dto';
import { OrganiserView, OrganisersService } from './organisers.service';
import { Allow, CurrentPrincipal, OrganiserPrincipal, ParticipantPrincipal, Principal, Public } from '../access/principal';

const bearerToken = (request: FastifyRequest) => /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly organisers: OrganisersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: OrganiserSignInDto, @Req() request: FastifyRequest): Promise<OrganiserSession> {
    return this.auth.signInOrganiser(dto.username, dto.password, request.ip);
  }

  @Public()
  @Post('participant')
  @HttpCode(200)
  participant(@Body() dto: ParticipantSignInDto, @Req() request: FastifyRequest): Promise<ParticipantSession> {
    return this.auth.signInParticipant(dto.staffCode, dto.pin, request.ip);
  }

  @Public()
  @Post('join')
  @HttpCode(200)
  join(@Body() dto: JoinDto): Promise<ParticipantSession> {
    return this.auth.join(dto.token);
  }

  /** An organiser's own password; the caller's session goes on, every other one ends. */
  @ApiBearerAuth()
  @Allow('organiser')
  @Post('password')
  @HttpCode(204)
  async password(@Body() dto: ChangePasswordDto, @CurrentPrincipal() by: OrganiserPrincipal, @Req() request: FastifyRequest): Promise<void> {
    const sessionId = this.auth.verifyAccessToken(bearerToken(request))?.sessionId ?? null;
    await this.organisers.changePassword(by, sessionId, dto, request.ip);
  }

  /** Ends every token of the caller's (this one too) and closes their sockets. */
  @ApiBearerAuth()
  @Allow('organiser', 'participant')
  @Post('sign-out-everywhere')
  @HttpCode(204)
  async signOutEverywhere(@CurrentPrincipal() who: OrganiserPrincipal | ParticipantPrincipal): Promise<void> {
    await this.auth.signOutEverywhere({ kind: who.kind, id: who.id });
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
  create(@Body() dto: CreateOrganiserDto): Promise<OrganiserView> {
    return this.organisers.create(dto);
  }

  @Allow('admin')
  @Get()
  list() {
    return this.organisers.list();
  }

  @Allow('admin')
  @Patch(':id')
  update(@Param() { id }: IdParam, @Body() dto: UpdateOrganiserDto): Promise<OrganiserView> {
    return this.organisers.update(id, dto);
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
    const expiresAt = dto.expiresAt === undefined ? undefined : Date.parse(dto.expiresAt);
    if (expiresAt !== undefined && expiresAt <= Date.now()) {
      throw new AppException(400, 'EXPIRES_IN_THE_PAST', { vi: 'Thời điểm hết hạn phải ở tương lai', en: 'expiresAt must be in the future' });
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
