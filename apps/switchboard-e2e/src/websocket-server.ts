import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** RFC 6455's fixed GUID, hashed with the client's key to accept the upgrade. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const TEXT = 0x1;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

/** One accepted WebSocket: text messages in and out (all a SIP-over-WebSocket peer needs). */
export interface WebSocketPeer {
  /** The subprotocols the client asked for (Sec-WebSocket-Protocol). */
  readonly protocols: readonly string[];
  send(text: string): void;
  close(): void;
}

export interface WebSocketServerOptions {
  /** The subprotocol to accept; a client that does not offer it is refused with 400. */
  readonly protocol: string;
  readonly onConnection: (peer: WebSocketPeer) => void;
  readonly onMessage: (peer: WebSocketPeer, text: string) => void;
}

/**
 * A minimal WebSocket server (RFC 6455) on node:http's upgrade, for tests only: no extensions,
 * no fragmented messages (browsers send SIP messages whole), text frames, ping and close.
 */
export class TestWebSocketServer {
  private readonly server = http.createServer((_req, res) => res.writeHead(426).end());
  private readonly sockets = new Set<Socket>();

  constructor(private readonly options: WebSocketServerOptions) {
    this.server.on('upgrade', (req, socket: Socket) => this.upgrade(req, socket));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private upgrade(req: http.IncomingMessage, socket: Socket): void {
    const key = req.headers['sec-websocket-key'];
    const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    if (typeof key !== 'string' || !protocols.includes(this.options.protocol)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${this.options.protocol}\r\n\r\n`,
    );
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const peer: WebSocketPeer = {
      protocols,
      send: (text) => socket.write(frame(TEXT, Buffer.from(text, 'utf8'))),
      close: () => socket.end(frame(CLOSE, Buffer.alloc(0))),
    };
    this.options.onConnection(peer);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let next = readFrame(pending); next; next = readFrame(pending)) {
        pending = pending.subarray(next.length);
        if (next.opcode === TEXT) this.options.onMessage(peer, next.payload.toString('utf8'));
        else if (next.opcode === PING) socket.write(frame(PONG, next.payload));
        else if (next.opcode === CLOSE) socket.end(frame(CLOSE, Buffer.alloc(0)));
      }
    });
  }
}

/** A server frame: final, unmasked (RFC 6455 §5.1: only clients mask). */
function frame(opcode: number, payload: Buffer): Buffer {
  const size = payload.length;
  const header = size < 126 ? Buffer.alloc(2) : size < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (size < 126) header[1] = size;
  else if (size < 65536) {
    header[1] = 126;
    header.writeUInt16BE(size, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(size), 2);
  }
  return Buffer.concat([header, payload]);
}

/** The first whole frame of data (unmasked), or undefined until it has all arrived. */
function readFrame(data: Buffer): { opcode: number; payload: Buffer; length: number } | undefined {
  if (data.length < 2) return undefined;
  const opcode = data[0] & 0x0f;
  if ((data[0] & 0x80) === 0 || opcode === 0) throw new Error('fragmented WebSocket messages are not supported here');
  const masked = (data[1] & 0x80) !== 0;
  let size = data[1] & 0x7f;
  let offset = 2;
  if (size === 126) {
    if (data.length < 4) return undefined;
    size = data.readUInt16BE(2);
    offset = 4;
  } else if (size === 127) {
    if (data.length < 10) return undefined;
    size = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const maskAt = offset;
  if (masked) offset += 4;
  if (data.length < offset + size) return undefined;
  const payload = Buffer.from(data.subarray(offset, offset + size));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= data[maskAt + (i % 4)];
  return { opcode, payload, length: offset + size };
}
