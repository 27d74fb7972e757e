import { Module } from '@nestjs/common';
import { adminControllers, adminProviders } from './admin/admin.parts';
import { AuthController } from './auth/auth.controller';
import { CredentialWarnings } from './auth/credential-warnings';
import { DesktopController } from './desktop/desktop.controller';
import { AgentCommandService } from './commands/agent-command.service';
import { DecisionExecutor } from './commands/decision-executor';
import { directoryProviders } from './directory/directory.providers';
import { FeatureCodeConsumer } from './feature-codes/feature-code.consumer';
import { FeatureCodeHandler } from './feature-codes/feature-code.handler';
import { AgentActionsController } from './http/agent-actions.controller';
import { AgentsController } from './http/agents.controller';
import { DispositionsController } from './http/dispositions.controller';
import { PbxClient } from './pbx/pbx-client';
import { PinChecker } from './auth/pin-checker';
import { PinCodeFlows } from './feature-codes/pin-code-flows';
import { AgentActions } from './http/agent-actions.service';
import { MeController } from './http/me.controller';
import { PhonesController } from './http/phones.controller';
import { AgentLogins } from './phones/agent-logins.service';
import { MobileClaims } from './phones/mobile-claims.service';
import { PhoneClaims } from './phones/phone-claims.service';
import { PhoneListings } from './phones/phone-listings.service';
import { PhoneRegistrationsConsumer } from './phones/phone-registrations.consumer';
import { PhoneUserState } from './phones/phone-user-state';
import { PbxStateConsumer } from './pbx/pbx-state.consumer';
import { SupervisorActions } from './commands/supervisor-actions.service';
import { SupervisorController } from './http/supervisor.controller';
import { ConfirmationFollower } from './reactor/confirmation-follower';
import { MemberEventRecorder } from './reactor/member-event-recorder';
import { MembershipWatch } from './reactor/membership-watch';
import { REACTOR_OPTIONS, reactorOptionsFrom } from './reactor/reactor-options';
import { Reconciler } from './reconciliation/reconciler';
import { ReconciliationTimer } from './reconciliation/reconciliation-timer';
import { StatusPublisher } from './status/status-publisher';
import { EndOfShiftPolicy } from './policies/end-of-shift.policy';
import { PauseExpiryPolicy } from './policies/pause-expiry.policy';
import { POLICY_OPTIONS, policyOptionsFrom } from './policies/policy-options';
import { RingNoAnswerPolicy } from './policies/ring-no-answer.policy';
import { DeferredReleasePolicy } from './policies/deferred-release.policy';
import { QueueCallCheck } from './commands/queue-call-check';
import { UnregisteredPhonePolicy } from './policies/unregistered-phone.policy';
import { DIRECTORY } from './tokens';

/** Agent sessions: decisions from feature codes and the HTTP API. Needs PlatformModule. */
@Module({
  controllers: [AuthController, DesktopController, AgentsController, AgentActionsController, MeController, PhonesController, DispositionsController, SupervisorController, ...adminControllers],
  providers: [
    // The directory: seeded from the YAML file, followed on its stream, swapped on every change.
    ...directoryProviders,
    // Admins manage it over HTTP (/api/admin/...).
    ...adminProviders,
    AgentCommandService,
    DecisionExecutor,
    PbxClient,
    FeatureCodeHandler,
    FeatureCodeConsumer,
    CredentialWarnings,
    // Phones and PINs: hot desk, force-login, the PIN lockout, the remote IVR.
    PinChecker,
    PhoneClaims,
    MobileClaims,
    PhoneListings,
    PhoneUserState,
    PhoneRegistrationsConsumer,
    AgentLogins,
    AgentActions,
    PinCodeFlows,
    // Carrying decisions out and keeping the PBX in step (reactor, reconciliation, status).
    { provide: REACTOR_OPTIONS, useFactory: () => reactorOptionsFrom(process.env) },
    MembershipWatch,
    ConfirmationFollower,
    MemberEventRecorder,
    Reconciler,
    ReconciliationTimer,
    PbxStateConsumer,
    SupervisorActions,
    StatusPublisher,
    { provide: POLICY_OPTIONS, useFactory: () => policyOptionsFrom(process.env) },
    PauseExpiryPolicy,
    RingNoAnswerPolicy,
    DeferredReleasePolicy,
    QueueCallCheck,
    UnregisteredPhonePolicy,
    EndOfShiftPolicy,
  ],
  exports: [AgentCommandService, DIRECTORY],
})
export class SessionModule {}
