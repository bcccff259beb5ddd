import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LiveGateway } from './live.gateway';
import { SocketCap } from './socket-cap';

@Module({ imports: [AuthModule], providers: [LiveGateway, SocketCap], exports: [LiveGateway] })
export class LiveModule {}
