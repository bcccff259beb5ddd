import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { Errors } from '../http/errors';
import { requestContext } from '../http/request-context';
import { AuthService } from './auth.service';
import { CALLERS_KEY, Caller, PUBLIC_KEY, Principal, mayCall } from '../access/principal';

/** Global: every route needs a token and an @Allow naming the caller, unless it is @Public. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const principal = token ? await this.auth.principalFor(token) : null;
    if (!principal) throw Errors.notSignedIn();
    const callers = this.reflector.getAllAndOverride<Caller[]>(CALLERS_KEY, targets) ?? [];
    if (!mayCall(principal, callers)) throw Errors.forbidden();
    request.principal = principal;
    const served = requestContext();
    if (served) served.actor = { kind: principal.kind, id: principal.id };
    return true;
  }
}
