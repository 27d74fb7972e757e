import { assertNever, type MemberBinding } from '@switchboard/contracts';
import type { AgentEntry, PhoneEntry } from './directory';
import { extensionOf } from './lines';
import { hasOwnLine, isAgentPoolAgent, memberBindingFor } from './member-binding';

/** Where the queue rings the agent: chosen at login (desktop, API, IVR, force-login). */
export type RingTarget =
  /** The agent's own line from the directory. */
  | { readonly kind: 'own-line' }
  /** A shared phone of the directory (hot desk, force-login). */
  | { readonly kind: 'phone'; readonly phone: PhoneEntry }
  /** The browser softphone of the desktop (a WebRTC endpoint per agent). */
  | { readonly kind: 'internal' }
  /** Any number, dialled out through the agent-mobile context. */
  | { readonly kind: 'mobile'; readonly number: string };

/** Digits with an optional leading +: nothing that could leave the Local channel name or an AMI header. */
const MOBILE_NUMBER = /^\+?[0-9]{3,20}$/;

export function isMobileNumber(value: string): boolean {
  return MOBILE_NUMBER.test(value);
}

/**
 * The queue membership for a ring target, or undefined when the agent has no own line. Members
 * are always named `Agent <id>`, so queue_log and the report name the agent wherever it sits.
 * Mobile and internal members are their own state interface (Asterisk's default when none is given).
 */
export function bindingForTarget(agent: AgentEntry, target: RingTarget): MemberBinding | undefined {
  // An agent-pool agent rings where it sits in AgentLogin(): its one member is the pool's, asked
  // for as its own line; a phone, the browser or a mobile would make it a callback member.
  if (isAgentPoolAgent(agent)) return target.kind === 'own-line' && hasOwnLine(agent) ? memberBindingFor(agent) : undefined;
  const memberName = `Agent ${agent.id}`;
  switch (target.kind) {
    case 'own-line':
      return hasOwnLine(agent) ? memberBindingFor(agent) : undefined;
    case 'phone':
      return {
        interface: `Local/${extensionOf(target.phone.line)}@agent-phones/n`,
        stateInterface: target.phone.line,
        memberName,
      };
    case 'internal': {
      const iface = `PJSIP/webrtc-${agent.id}`;
      return { interface: iface, stateInterface: iface, memberName };
    }
    case 'mobile': {
      if (!isMobileNumber(target.number)) return undefined;
      const iface = `Local/${target.number}@agent-mobile/n`;
      return { interface: iface, stateInterface: iface, memberName };
    }
    default:
      return assertNever(target, 'ring target');
  }
}

/** The mobile number a queue member rings (bindingForTarget's mobile interface), if it is one. */
export function mobileNumberOf(memberInterface: string): string | undefined {
  const match = /^Local\/(\+?[0-9]{3,20})@agent-mobile\/n$/.exec(memberInterface);
  return match?.[1];
}
