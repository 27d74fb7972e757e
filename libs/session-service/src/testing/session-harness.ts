import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type AgentState } from '@switchboard/agent-domain';
import { InProcessBus, type Bus } from '@switchboard/bus';
import { streamNames, type AgentStreamEvent } from '@switchboard/contracts';
import { InMemoryEventStore } from '@switchboard/event-store';
import { GatewayModule, GatewayService } from '@switchboard/gateway-service';
import { PbxSimulator, type SimTiming } from '@switchboard/pbx-sim';
import { PlatformModule, createHttpApp, loadConfig, signAccessToken, type Role } from '@switchboard/platform';
import { AgentCommandService } from '../commands/agent-command.service';
import { DecisionExecutor } from '../commands/decision-executor';
import { SupervisorActions } from '../commands/supervisor-actions.service';
import { loadDirectory } from '../directory/load-directory';
import { AgentsController } from '../http/agents.controller';
import { SupervisorController } from '../http/supervisor.controller';
import { PbxClient } from '../pbx/pbx-client';
import { PbxStateConsumer } from '../pbx/pbx-state.consumer';
import { ConfirmationFollower } from '../reactor/confirmation-follower';
import { MemberEventRecorder } from '../reactor/member-event-recorder';
import { MembershipWatch } from '../reactor/membership-watch';
import { REACTOR_OPTIONS, type ReactorOptions } from '../reactor/reactor-options';
import { Reconciler } from '../reconciliation/reconciler';
import { ReconciliationTimer } from '../reconciliation/reconciliation-timer';
import { StatusPublisher } from '../status/status-publisher';
import { EndOfShiftPolicy } from '../policies/end-of-shift.policy';
import { PauseExpiryPolicy } from '../policies/pause-expiry.policy';
import { POLICY_OPTIONS, type PolicyOptions } from '../policies/policy-options';
import { RingNoAnswerPolicy } from '../policies/ring-no-answer.policy';
import { DeferredReleasePolicy } from '../policies/deferred-release.policy';
import { QueueCallCheck } from '../commands/queue-call-check';
import { PhoneClaims } from '../phones/phone-claims.service';
import { UnregisteredPhonePolicy } from '../policies/unregistered-phone.policy';
import { DIRECTORY } from '../tokens';

/** The demo site in small: helpdesk and sales on pbx1, agents 1001–1003 on their SIP lines. */
const DIRECTORY_YAML = `pbxId: pbx1
globalLoginNumber: "900"
queues:
  - { name: helpdesk, loginNumber: "811" }
  - { name: sales, loginNumber: "812" }
agents:
  - { id: "1001", name: Agent One, line: SIP/1001, queues: [helpdesk] }
  - { id: "1002", name: Agent Two, line: SIP/1002, queues: [helpdesk, sales] }
  - { id: "1003", name: Agent Three, line: SIP/1003, queues: [helpdesk, sales] }
`;
const AUTH_SECRET = 'session-harness-secret-long-enough-for-hmac-0123';

export interface SessionHarness {
  readonly sim: PbxSimulator;
  readonly app: NestFastifyApplication;
  readonly bus: Bus;
  readonly store: InMemoryEventStore;
  readonly commands: AgentCommandService;
  readonly executor: DecisionExecutor;
  /** Authorization header for a principal of this role. */
  token(role: Role, agentId?: string): string;
  events(agentId: string): Promise<AgentStreamEvent[]>;
  state(agentId: string): Promise<AgentState>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly bus?: Bus;
  /** Prepares the PBX before the gateway connects (members Asterisk kept from before). */
  readonly beforeConnect?: (sim: PbxSimulator) => void;
  readonly confirmTimeoutMs?: number;
  /** Policies are off unless a test turns one on. */
  readonly policies?: Partial<PolicyOptions>;
  readonly simTiming?: Partial<SimTiming>;
  /** A simulator shared with another harness (a second replica); the harness does not stop it. */
  readonly sim?: PbxSimulator;
  /** Reconciliation by timer (off unless given). */
  readonly reconcileEveryMs?: number;
  /** Extra directory YAML appended (pauseReasons: ...). */
  readonly directoryExtra?: string;
  /** An event store shared with another harness (replicas of one service). */
  readonly store?: InMemoryEventStore;
}

/**
 * The agent-session and gateway modules on one real bus and event store, against the PBX
 * simulator over TCP: what the single process runs, without reporting. No reconciliation timer:
 * the tests trigger reconciliation by connecting or by calling it.
 */
export async function startSessionHarness(options: HarnessOptions = {}): Promise<SessionHarness> {
  const ownSim = options.sim === undefined;
  const sim = options.sim ?? new PbxSimulator({ port: 0, seed: 7, ...(options.simTiming ? { timing: options.simTiming } : {}) });
  const port = ownSim ? (await sim.start()).port : sim.port;
  options.beforeConnect?.(sim);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-harness-'));
  const directoryFile = path.join(dir, 'directory.yaml');
  fs.writeFileSync(directoryFile, DIRECTORY_YAML + (options.directoryExtra ?? ''));
  const env = {
    AMI_URL: `ami://gateway:gateway-secret@127.0.0.1:${port}`,
    DIRECTORY_FILE: directoryFile,
    AUTH_SECRET,
    LOG_LEVEL: 'warn',
    DATA_DIR: dir,
  };
  const config = loadConfig(env);
  const bus = options.bus ?? new InProcessBus();
  const store = options.store ?? new InMemoryEventStore();
  const policyOptions: PolicyOptions = { tickMs: 60_000, unregisteredGraceMs: 0, maxRingNoAnswer: 0, ...options.policies };
  const reactorOptions: ReactorOptions = { confirmTimeoutMs: options.confirmTimeoutMs ?? 3000, confirmAttempts: 3, reconcileEveryMs: options.reconcileEveryMs ?? 0 };

  // The providers of SessionModule this work needs, wired as SessionModule wires them; the
  // feature-code and auth parts are left out so the harness depends on nothing it does not test.
  @Module({
    controllers: [SupervisorController, AgentsController],
    providers: [
      { provide: DIRECTORY, useFactory: () => loadDirectory(directoryFile) },
      { provide: REACTOR_OPTIONS, useValue: reactorOptions },
      AgentCommandService,
      DecisionExecutor,
      PbxClient,
      MembershipWatch,
      ConfirmationFollower,
      MemberEventRecorder,
      Reconciler,
      ReconciliationTimer,
      PbxStateConsumer,
      SupervisorActions,
      StatusPublisher,
      { provide: POLICY_OPTIONS, useValue: policyOptions },
      PauseExpiryPolicy,
      RingNoAnswerPolicy,
      DeferredReleasePolicy,
      QueueCallCheck,
      PhoneClaims,
      UnregisteredPhonePolicy,
      EndOfShiftPolicy,
    ],
  })
  class KeepingPbxInStepModule {}

  @Module({})
  class HarnessModule {
    static forRoot(): DynamicModule {
      return {
        module: HarnessModule,
        imports: [PlatformModule.forRoot(config, { serviceName: 'session-harness', eventStore: true, bus, store }), GatewayModule, KeepingPbxInStepModule],
      };
    }
  }
  let app: NestFastifyApplication;
  try {
    app = await createHttpApp(HarnessModule.forRoot());
  } catch (error) {
    if (ownSim) await sim.stop();
    throw error;
  }
  const commands = app.get(AgentCommandService);
  // Ready when the gateway is logged in to the PBX (before that every action answers
  // not_connected) and the reconciliations of the connect are done. A second replica's gateway
  // stands by and its consumer shares the work, so it waits for neither.
  if (ownSim) {
    const gateway = app.get(GatewayService);
    await until(() => gateway.gateways.every((g) => g.connected), 'the gateway logged in to the simulator');
    const reconciler = app.get(Reconciler);
    await until(() => reconciler.completedRuns >= 2, 'the reconciliations of the connect');
  }
  return {
    sim,
    app,
    bus,
    store,
    commands,
    executor: app.get(DecisionExecutor),
    token: (role, agentId) =>
      `Bearer ${signAccessToken({ subject: agentId ?? role, role, ...(agentId ? { agentId } : {}) }, AUTH_SECRET, 600, Date.now())}`,
    events: async (agentId) => {
      const { events } = await store.readStream(streamNames.agent(agentId));
      return events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }) as AgentStreamEvent);
    },
    state: (agentId) => commands.state(agentId),
    close: async () => {
      await app.close();
      if (ownSim) await sim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for a condition the system reaches on its own (a PBX event consumed); the deadline only
 *  turns a hang into a failure with a name, it is not what the test checks. */
export async function until(check: () => boolean | Promise<boolean>, what: string, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
