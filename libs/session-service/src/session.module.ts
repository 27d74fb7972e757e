import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/platform';
import { AuthController } from './auth/auth.controller';
import { CredentialWarnings } from './auth/credential-warnings';
import { AgentCommandService } from './commands/agent-command.service';
import { DecisionExecutor } from './commands/decision-executor';
import { loadDirectory } from './directory/load-directory';
import { FeatureCodeConsumer } from './feature-codes/feature-code.consumer';
import { FeatureCodeHandler } from './feature-codes/feature-code.handler';
import { AgentActionsController } from './http/agent-actions.controller';
import { AgentsController } from './http/agents.controller';
import { DispositionsController } from './http/dispositions.controller';
import { PbxClient } from './pbx/pbx-client';
import { DIRECTORY } from './tokens';

/** Agent sessions: decisions from feature codes and the HTTP API. Needs PlatformModule. */
@Module({
  controllers: [AuthController, AgentsController, AgentActionsController, DispositionsController],
  providers: [
    { provide: DIRECTORY, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadDirectory(config.directoryFile) },
    AgentCommandService,
    DecisionExecutor,
    PbxClient,
    FeatureCodeHandler,
    FeatureCodeConsumer,
    CredentialWarnings,
  ],
  exports: [AgentCommandService, DIRECTORY],
})
export class SessionModule {}
