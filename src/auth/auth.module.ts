import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { Participant } from '../org/participant.entity';
import { Unit } from '../org/unit.entity';
import { Race } from '../races/race.entity';
import { RedisConnection } from '../redis/redis.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { Organiser } from './organiser.entity';
import { OrganisersController } from './organisers.controller';
import { OrganisersService } from './organisers.service';
import { ReadLimits } from './read-limits';
import { ScreenToken } from './screen-token.entity';
import { ScreenTokensController } from './screen-tokens.controller';
import { SessionEndings } from './session-endings';
import { SignInLimits } from './sign-in-limits';
import { TokensService } from './tokens.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([Organiser, ScreenToken, Participant, Unit, Race]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it
      // as a public key on every verify, which took a quarter of the answer path's CPU.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController, OrganisersController, ScreenTokensController],
  providers: [
    AuthService,
    OrganisersService,
    TokensService,
    { provide: APP_GUARD, useClass: AuthGuard },
    SessionEndings,
    {
      provide: SignInLimits,
      inject: [APP_CONFIG, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) => (redis.client ? SignInLimits.inRedis(redis.client, config.redisPrefix) : SignInLimits.inMemory()),
    },
    {
      provide: ReadLimits,
      inject: [APP_CONFIG, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) => (redis.client ? ReadLimits.inRedis(redis.client, config.redisPrefix, config.readLimits) : ReadLimits.inMemory(config.readLimits)),
    },
  ],
  exports: [TokensService, AuthService, SessionEndings, SignInLimits, ReadLimits],
})
export class AuthModule {}
