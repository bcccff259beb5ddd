import { Global, Module } from '@nestjs/common';
import { LiveGateway } from './live.gateway';
import { SocketCap } from './socket-cap';

@Global()
@Module({ providers: [LiveGateway, SocketCap], exports: [LiveGateway] })
export class LiveModule {}
