import type { LoggerService } from '@nestjs/common';
import { hashSecret } from '@switchboard/platform';

/** The credentials of the admin tests' site. */
export const CREDENTIALS = { agentPin: '1234', supervisor: 'supervisor-password', admin: 'admin-password' } as const;

/**
 * A small site for the admin API: helpdesk only (sales exists in the simulator's Asterisk, so an
 * admin can add it), agents 1001 and 1002 on their own lines, hot-desk agent 1004, the shared
 * phone desk-1, a supervisor and an admin. Hashed here, as an operator would with hash-secret.
 */
export async function adminSiteYaml(): Promise<string> {
  const [pin, supervisor, admin] = await Promise.all([hashSecret(CREDENTIALS.agentPin), hashSecret(CREDENTIALS.supervisor), hashSecret(CREDENTIALS.admin)]);
  return `
pbxId: pbx1
globalLoginNumber: "900"
queues:
  - { name: helpdesk, loginNumber: "811" }
agents:
  - { id: "1001", name: Agent One, line: SIP/1001, queues: [helpdesk], pinHash: "${pin}" }
  - { id: "1002", name: Agent Two, line: SIP/1002, queues: [helpdesk], pinHash: "${pin}" }
  - { id: "1004", name: Agent Four, hotDesk: true, queues: [helpdesk], pinHash: "${pin}" }
phones:
  - { id: desk-1, line: SIP/1010, name: Desk 1 }
users:
  - { login: supervisor, role: supervisor, passwordHash: "${supervisor}" }
  - { login: admin, role: admin, passwordHash: "${admin}" }
`;
}

/** Every line the application logs through Nest's Logger, whatever its level, as text. */
export class CapturedLogs implements LoggerService {
  readonly lines: string[] = [];
  log = (...args: unknown[]) => this.keep(args);
  error = (...args: unknown[]) => this.keep(args);
  warn = (...args: unknown[]) => this.keep(args);
  debug = (...args: unknown[]) => this.keep(args);
  verbose = (...args: unknown[]) => this.keep(args);
  fatal = (...args: unknown[]) => this.keep(args);

  private keep(args: unknown[]): void {
    this.lines.push(JSON.stringify(args));
  }
}
