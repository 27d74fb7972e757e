import { SIP_CODECS, SIP_NAT_MODES, SIP_RECORDING_FORMATS, SIP_TRANSPORTS, type AgentMembership } from '@switchboard/agent-domain';
import { AMI_SAFE_TEXT } from '@switchboard/platform';
import { z } from 'zod';

/**
 * The admin API's bodies, validated at the edge (400 invalid_input) and documented from the same
 * schemas. They check shapes and refuse CR, LF and NUL everywhere; parseDirectory then checks the
 * whole resulting directory (duplicate lines, undeclared queues, colliding login numbers).
 */
const NO_CONTROL = 'must not contain CR, LF or NUL';
const text = (max: number) => z.string().min(1).max(max).regex(AMI_SAFE_TEXT, NO_CONTROL);
export const idText = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only, at most 64');
export const loginNumber = z.string().regex(/^[0-9]{1,16}$/, 'digits only, at most 16');
const device = text(128).regex(/^[A-Za-z0-9]+\/\S+$/, 'a device such as SIP/1001');
const group = z.string().regex(/^\d{1,2}(-\d{1,2})?(,\d{1,2}(-\d{1,2})?)*$/, 'numbers 0-63 and ranges, as 1,3-5');

export const sipSettingsBody = z
  .object({
    transports: z.array(z.enum(SIP_TRANSPORTS)).min(1).optional().describe('in order of preference; the first is the endpoint’s'),
    nat: z.enum(SIP_NAT_MODES).optional(),
    codecs: z.array(z.enum(SIP_CODECS)).min(1).optional().describe('allowed codecs in order of preference'),
    context: z.string().regex(/^[A-Za-z0-9_-]{1,79}$/, 'a dialplan context: letters, digits, _ and -').optional(),
    callGroup: group.optional(),
    pickupGroup: group.optional(),
    chanspy: z.boolean().optional().describe('whether supervisors may listen in on the agent’s calls'),
    recordingFormat: z.enum(SIP_RECORDING_FORMATS).optional(),
  })
  .strict();

const MEMBERSHIPS = ['callback', 'agent-pool'] as const satisfies readonly AgentMembership[];

/** Dialled on a phone keypad. */
const pin = z
  .string({ invalid_type_error: 'must be text: quote it ("0123"), as a number it would lose its leading zeros' })
  .regex(/^[0-9]{4,12}$/, 'must be 4 to 12 digits');
const password = z.string().min(8).max(256).regex(AMI_SAFE_TEXT, NO_CONTROL);
const CREDENTIAL = 'plaintext, sent over TLS only; stored at once as a scrypt hash, never returned nor logged. Absent: unchanged; null: removed';
/** The views carry these; a body that echoes a view back may too, and they are ignored. */
const readOnlyFlag = z.boolean().optional().describe('read-only (from the views), ignored');

export const agentBody = z
  .object({
    id: idText.optional().describe('the id in the path; if given, it must be the same'),
    name: text(120),
    line: device.optional().describe('the agent’s own phone (SIP/1001); only hot-desk agents go without'),
    hotDesk: z.boolean().optional(),
    queues: z.array(idText).max(1000).optional(),
    memberInterface: device.optional(),
    membership: z.enum(MEMBERSHIPS).optional().describe('how the queue reaches the agent (absent: callback)'),
    sip: sipSettingsBody.optional(),
    pin: pin.nullable().optional().describe(`the PIN: ${CREDENTIAL}`),
    password: password.nullable().optional().describe(`a desktop password: ${CREDENTIAL}`),
    hasPin: readOnlyFlag,
    hasPassword: readOnlyFlag,
  })
  .strict();
export type AgentBody = z.output<typeof agentBody>;

export const phoneBody = z
  .object({ id: idText.optional().describe('the id in the path; if given, it must be the same'), line: device, name: text(120).optional() })
  .strict();

export const queueBody = z
  .object({
    name: idText.optional().describe('the name in the path; if given, it must be the same'),
    loginNumber: loginNumber.optional().describe('N toggles, N+1 logs in, N+0 logs out (the dialplan must route it)'),
  })
  .strict();

export const pauseReasonBody = z
  .object({
    code: idText.optional().describe('the code in the path; if given, it must be the same'),
    label: text(80).optional(),
    maxMinutes: z.number().int().min(1).max(24 * 60).optional(),
  })
  .strict();

export const globalLoginNumberBody = z.object({ number: loginNumber }).strict();

/** A directory document (PUT /api/admin/directory). YAML numbers stand for text (id: 1001). */
const textish = z.union([z.string().regex(AMI_SAFE_TEXT, NO_CONTROL), z.number().int().nonnegative()]);
const hash = z.string().max(512).regex(AMI_SAFE_TEXT, NO_CONTROL).describe('a scrypt hash from npm run hash-secret');
const documentAgent = agentBody.omit({ id: true, name: true, queues: true }).extend({
  id: textish,
  name: textish,
  queues: z.array(textish).max(1000).optional(),
  sip: sipSettingsBody.extend({ callGroup: textish.optional(), pickupGroup: textish.optional() }).strict().optional(),
  pinHash: hash.optional(),
  passwordHash: hash.optional(),
});
const documentUser = z
  .object({
    login: textish,
    name: text(120).optional(),
    role: z.enum(['supervisor', 'admin']),
    password: password.optional().describe(`the user's password: ${CREDENTIAL}`),
    passwordHash: hash.optional(),
    hasPassword: readOnlyFlag,
  })
  .strict();

export const directoryDocument = z
  .object({
    pbxId: textish.optional().describe('this service’s PBX; it cannot change'),
    globalLoginNumber: textish.optional(),
    queues: z.array(queueBody.extend({ name: textish, loginNumber: textish.optional() }).strict()),
    agents: z.array(documentAgent),
    lines: z.array(z.object({ line: device, name: text(120).optional() }).strict()).optional(),
    users: z.array(documentUser).optional(),
    phones: z.array(phoneBody.extend({ id: textish }).strict()).optional(),
    pinPolicy: z.object({ maxAttempts: z.number().int().min(1), lockoutSeconds: z.number().int().min(1) }).strict().optional(),
    hotDeskPolicy: z.object({ releaseStaleAfterMinutes: z.number().int().min(1) }).strict().optional(),
    pauseReasons: z.array(pauseReasonBody.extend({ code: textish }).strict()).optional(),
    demoCredentials: z.boolean().optional(),
  })
  .strict();
export type DirectoryDocument = z.output<typeof directoryDocument>;
