import { AdminAgentsController } from './admin-agents.controller';
import { AdminDirectoryController } from './admin-directory.controller';
import { AdminGlobalLoginNumberController } from './admin-global-login-number.controller';
import { AdminPauseReasonsController } from './admin-pause-reasons.controller';
import { AdminPhonesController } from './admin-phones.controller';
import { AdminQueuesController } from './admin-queues.controller';
import { AdminSipController } from './admin-sip.controller';
import { DirectoryAdmin } from './directory-admin.service';
import { SessionChecks } from './session-checks';
import { YamlBody } from './yaml-body';

/** The admin API over the directory (/api/admin/...): its controllers and what they need. */
export const adminControllers = [
  AdminDirectoryController,
  AdminAgentsController,
  AdminPhonesController,
  AdminQueuesController,
  AdminPauseReasonsController,
  AdminGlobalLoginNumberController,
  AdminSipController,
];

export const adminProviders = [DirectoryAdmin, SessionChecks, YamlBody];
