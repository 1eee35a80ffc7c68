import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConsoleSession, ConsoleSessionSchema } from '../console-sessions/console-session.model';
import { ConsoleSessionEvents } from '../console-sessions/console-session-events';
import { ConsoleSessionsRepository } from '../console-sessions/console-sessions.repository';
import { ConsoleSessionsRpcHandler } from '../console-sessions/console-sessions.rpc-handler';
import { ConsoleSessionsService } from '../console-sessions/console-sessions.service';
import { OrganizationsModule } from '../organizations/organizations.module';
import { Operator, OperatorSchema } from './operator.model';
import { OperatorsRepository } from './operators.repository';
import { OperatorsRpcHandler } from './operators.rpc-handler';
import { OperatorsService } from './operators.service';

/**
 * Operator accounts and their console sessions in one module: removing an operator closes its
 * sessions, and a session is only as alive as its operator.
 */
@Module({
  imports: [
    OrganizationsModule,
    MongooseModule.forFeature([
      { name: Operator.name, schema: OperatorSchema },
      { name: ConsoleSession.name, schema: ConsoleSessionSchema },
    ]),
  ],
  controllers: [OperatorsRpcHandler, ConsoleSessionsRpcHandler],
  providers: [
    OperatorsRepository,
    OperatorsService,
    ConsoleSessionsRepository,
    ConsoleSessionsService,
    ConsoleSessionEvents,
  ],
})
export class OperatorsModule {}
