import { createHash, randomBytes } from 'node:crypto';
import { eventually } from './eventually';
import { TestWebSocketServer, type WebSocketPeer } from './websocket-server';

/** A SIP message as it came over the socket, headers by lower-case name. */
export interface SipMessage {
  /** "REGISTER sip:… SIP/2.0" or "SIP/2.0 200 OK". */
  readonly startLine: string;
  readonly method?: string;
  readonly status?: number;
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: string;
}

/** An INVITE this server sent, with what its ACK and CANCEL must repeat. */
export interface SentInvite {
  readonly requestUri: string;
  readonly via: string;
  readonly from: string;
  readonly to: string;
  readonly callId: string;
}

/** RFC 3261 compact header forms that a peer may use. */
const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type' };
const REALM = 'switchboard-test';
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export function header(message: SipMessage, name: string): string | undefined {
  return message.headers.get(name.toLowerCase())?.[0];
}

/**
 * The PBX side of SIP over WebSocket (RFC 7118), for the softphone's e2e test only: a registrar
 * (with digest authentication when a password is set, as an Asterisk auth section would ask)
 * that records what the browser sends and can ring it with an INVITE. Stands in for Asterisk's
 * res_pjsip_transport_websocket; media is out of its reach (no RTP, no DTLS).
 */
export class TestSipServer {
  readonly received: SipMessage[] = [];
  /** Subprotocols each connection asked for. */
  readonly connections: Array<readonly string[]> = [];
  /** The registered contact of the browser, while registered. */
  contact: string | undefined;
  private peer: WebSocketPeer | undefined;
  private port = 0;
  private readonly nonces = new Set<string>();
  private seen = 0;

  constructor(private readonly password?: string) {}

  private readonly ws = new TestWebSocketServer({
    protocol: 'sip',
    onConnection: (peer) => {
      this.peer = peer;
      this.connections.push(peer.protocols);
    },
    onMessage: (peer, text) => this.handle(peer, parse(text)),
  });

  async start(): Promise<string> {
    this.port = await this.ws.start();
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  stop(): Promise<void> {
    return this.ws.stop();
  }

  /** The next message (after those already waited for) that matches. */
  async next(what: string, matches: (m: SipMessage) => boolean): Promise<SipMessage> {
    return eventually(() => {
      const index = this.received.findIndex((m, i) => i >= this.seen && matches(m));
      if (index < 0) return undefined;
      this.seen = index + 1;
      return this.received[index];
    }, what);
  }

  /** Rings the registered browser as Asterisk would ring PJSIP/webrtc-<id>, with an SDP offer. */
  invite(callerNumber: string, callerName: string): SentInvite {
    if (!this.peer || !this.contact) throw new Error('nobody is registered');
    const sent: SentInvite = {
      requestUri: this.contact,
      via: `SIP/2.0/WS 127.0.0.1:${this.port};branch=z9hG4bK${randomBytes(6).toString('hex')}`,
      from: `"${callerName}" <sip:${callerNumber}@127.0.0.1>;tag=${randomBytes(4).toString('hex')}`,
      to: `<${this.contact}>`,
      callId: randomBytes(8).toString('hex'),
    };
    const offer = sdpOffer();
    this.send(
      [
        `INVITE ${sent.requestUri} SIP/2.0`,
        `Via: ${sent.via}`,
        'Max-Forwards: 70',
        `From: ${sent.from}`,
        `To: ${sent.to}`,
        `Contact: <sip:asterisk@127.0.0.1:${this.port};transport=ws>`,
        `Call-ID: ${sent.callId}`,
        'CSeq: 102 INVITE',
        'Allow: INVITE, ACK, CANCEL, BYE',
        'Content-Type: application/sdp',
        `Content-Length: ${Buffer.byteLength(offer)}`,
      ],
      offer,
    );
    return sent;
  }

  /** The ACK of a final response other than 2xx: same transaction, the response's To tag. */
  ack(invite: SentInvite, response: SipMessage): void {
    this.send([`ACK ${invite.requestUri} SIP/2.0`, `Via: ${invite.via}`, 'Max-Forwards: 70', `From: ${invite.from}`, `To: ${header(response, 'to')}`, `Call-ID: ${invite.callId}`, 'CSeq: 102 ACK', 'Content-Length: 0']);
  }

  /** The ACK of a 2xx: a new transaction, to the browser's Contact, inside the dialog. */
  ackAnswer(invite: SentInvite, ok: SipMessage): void {
    const target = /<([^>]+)>/.exec(header(ok, 'contact') ?? '')?.[1] ?? invite.requestUri;
    this.send([`ACK ${target} SIP/2.0`, `Via: SIP/2.0/WS 127.0.0.1:${this.port};branch=z9hG4bK${randomBytes(6).toString('hex')}`, 'Max-Forwards: 70', `From: ${invite.from}`, `To: ${header(ok, 'to')}`, `Call-ID: ${invite.callId}`, 'CSeq: 102 ACK', 'Content-Length: 0']);
  }

  /** The caller gives up before an answer (the queue rang another member, or the caller hung up). */
  cancel(invite: SentInvite): void {
    this.send([`CANCEL ${invite.requestUri} SIP/2.0`, `Via: ${invite.via}`, 'Max-Forwards: 70', `From: ${invite.from}`, `To: ${invite.to}`, `Call-ID: ${invite.callId}`, 'CSeq: 102 CANCEL', 'Content-Length: 0']);
  }

  private handle(peer: WebSocketPeer, message: SipMessage): void {
    this.received.push(message);
    if (message.method === 'REGISTER') this.register(peer, message);
    if (message.method === 'BYE') this.respond(peer, message, '200 OK', []);
  }

  private register(peer: WebSocketPeer, request: SipMessage): void {
    if (this.password !== undefined && !this.authorized(request)) {
      const nonce = randomBytes(8).toString('hex');
      this.nonces.add(nonce);
      this.respond(peer, request, '401 Unauthorized', [`WWW-Authenticate: Digest realm="${REALM}", nonce="${nonce}", qop="auth", algorithm=MD5`]);
      return;
    }
    const contact = header(request, 'contact') ?? '';
    const expires = Number(/;\s*expires=(\d+)/.exec(contact)?.[1] ?? header(request, 'expires') ?? 600);
    this.contact = expires > 0 ? /<([^>]+)>/.exec(contact)?.[1] : undefined;
    this.respond(peer, request, '200 OK', expires > 0 ? [`Contact: ${contact.replace(/;\s*expires=\d+/, '')};expires=${expires}`, `Expires: ${expires}`] : []);
  }

  /** RFC 2617 digest with qop=auth, as Asterisk checks it. */
  private authorized(request: SipMessage): boolean {
    const auth = header(request, 'authorization');
    if (!auth?.startsWith('Digest ')) return false;
    const p = Object.fromEntries([...auth.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)].map((m) => [m[1], m[2] ?? m[3]]));
    if (!this.nonces.has(p['nonce'] ?? '')) return false;
    const ha1 = md5(`${p['username']}:${REALM}:${this.password}`);
    const ha2 = md5(`REGISTER:${p['uri']}`);
    return p['response'] === md5(`${ha1}:${p['nonce']}:${p['nc']}:${p['cnonce']}:auth:${ha2}`);
  }

  private respond(peer: WebSocketPeer, request: SipMessage, status: string, extra: string[]): void {
    const copied = ['via', 'from', 'call-id', 'cseq'].flatMap((name) => (request.headers.get(name) ?? []).map((v) => `${name === 'call-id' ? 'Call-ID' : name === 'cseq' ? 'CSeq' : name[0].toUpperCase() + name.slice(1)}: ${v}`));
    const to = header(request, 'to') ?? '';
    peer.send([`SIP/2.0 ${status}`, ...copied, `To: ${to.includes(';tag=') ? to : `${to};tag=${randomBytes(4).toString('hex')}`}`, ...extra, 'Content-Length: 0', '', ''].join('\r\n'));
  }

  private send(lines: string[], body = ''): void {
    if (!this.peer) throw new Error('no browser connected');
    this.peer.send([...lines, '', body].join('\r\n'));
  }
}

function parse(text: string): SipMessage {
  const split = text.indexOf('\r\n\r\n');
  const [startLine, ...lines] = text.slice(0, split < 0 ? undefined : split).split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const response = /^SIP\/2\.0 (\d{3})/.exec(startLine);
  return {
    startLine,
    method: response ? undefined : startLine.split(' ')[0],
    status: response ? Number(response[1]) : undefined,
    headers,
    body: split < 0 ? '' : text.slice(split + 4),
  };
}

/** An offer shaped like Asterisk's for a webrtc=yes endpoint (DTLS-SRTP, ICE, rtcp-mux). */
function sdpOffer(): string {
  const fingerprint = Array.from(randomBytes(32), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  return [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=Asterisk',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'a=group:BUNDLE 0',
    'm=audio 10000 UDP/TLS/RTP/SAVPF 111 0 101',
    `a=ice-ufrag:${randomBytes(4).toString('hex')}`,
    `a=ice-pwd:${randomBytes(12).toString('hex')}`,
    `a=fingerprint:sha-256 ${fingerprint}`,
    'a=setup:actpass',
    'a=candidate:1 1 UDP 2130706431 127.0.0.1 10000 typ host',
    'a=rtpmap:111 opus/48000/2',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=rtcp-mux',
    'a=mid:0',
    'a=sendrecv',
    '',
  ].join('\r\n');
}
