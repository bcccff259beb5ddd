import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { RedisConnection } from '../redis/redis.module';
import { ReadLimits } from './read-limits';
import { SessionEndings } from './session-endings';
import { SignInLimits } from './sign-in-limits';
import { TokensService } from './tokens.service';

/**
 * Who may call and how often: tokens, sessions ending, sign-in and read limits. Global because every
 * feature's routes carry its decorators, and it knows no feature, so the features can sit above it.
 */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it
      // as a public key on every verify, which took a quarter of the answer path's CPU.
      useFactory: (config: AppConfig) => ({ secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as Buffer, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [
    TokensService,
    SessionEndings,
    {
      provide: SignInLimits,
      inject: [APP_CONFIG, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) =>
        redis.client ? SignInLimits.inRedis(redis.client, config.redisPrefix) : SignInLimits.inMemory(),
    },
    {
      provide: ReadLimits,
      inject: [APP_CONFIG, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) =>
        redis.client ? ReadLimits.inRedis(redis.client, config.redisPrefix, config.readLimits) : ReadLimits.inMemory(config.readLimits),
    },
  ],
  exports: [TokensService, SessionEndings, SignInLimits, ReadLimits],
})
export class AccessModule {}
