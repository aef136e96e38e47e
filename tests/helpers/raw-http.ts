import net from 'node:net';

/**
 * How the body of a raw request is delimited. Anything but `content-length` is a transport attack:
 * - `declared-length`: a Content-Length that is not the body's, and the client then half-closes;
 * - `chunked`: Transfer-Encoding: chunked in chunks of the given sizes, `badChunk` replacing one size
 *   line with garbage;
 * - `cut`: the right Content-Length, but the connection is destroyed after `afterBytes` of the body;
 * - `both`: Content-Length and Transfer-Encoding together (a request-smuggling shape).
 */
export type Framing =
  | { kind: 'content-length' }
  | { kind: 'declared-length'; length: number }
  | { kind: 'chunked'; chunkSizes: number[]; badChunk?: string }
  | { kind: 'cut'; afterBytes: number }
  | { kind: 'both' };

/** One HTTP/1.1 request, byte for byte: header values are latin1 strings so any byte can be sent. */
export interface RawRequest {
  method: string;
  target: string;
  headers: Array<[string, string]>;
  body: Buffer;
  framing: Framing;
}

export interface RawResponse {
  status: number;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The status line and header lines as received. */
  head: string;
  body: Buffer;
}

/** What came back: a response, or the connection closed (or timed out) before a complete one. */
export type RawOutcome = { kind: 'response'; response: RawResponse } | { kind: 'no-response'; reason: string; received: number };

const HEAD_END = Buffer.from('\r\n\r\n');

/** The bytes of `request` as sent to `host:port` (Connection: close, so one request per connection). */
export function serialise(request: RawRequest, host: string): { head: Buffer; body: Buffer } {
  const lines = [`${request.method} ${request.target} HTTP/1.1`, `Host: ${host}`, 'Connection: close'];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  let body = request.body;
  switch (request.framing.kind) {
    case 'content-length':
    case 'cut':
      lines.push(`Content-Length: ${body.length}`);
      break;
    case 'declared-length':
      lines.push(`Content-Length: ${request.framing.length}`);
      break;
    case 'both':
      lines.push(`Content-Length: ${body.length}`, 'Transfer-Encoding: chunked');
      break;
    case 'chunked':
      lines.push('Transfer-Encoding: chunked');
      body = chunked(body, request.framing.chunkSizes, request.framing.badChunk);
      break;
  }
  return { head: Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body };
}

function chunked(body: Buffer, chunkSizes: number[], badChunk: string | undefined): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const sizes = chunkSizes.length > 0 ? chunkSizes : [body.length];
  // The sizes in turn, the last one repeated until the body is sent.
  for (let index = 0; offset < body.length; index += 1) {
    const size = sizes[Math.min(index, sizes.length - 1)];
    const chunk = body.subarray(offset, offset + Math.max(1, size));
    offset += chunk.length;
    const sizeLine = badChunk !== undefined && parts.length === 0 ? badChunk : chunk.length.toString(16);
    parts.push(Buffer.from(`${sizeLine}\r\n`, 'latin1'), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/**
 * Sends one raw request on a fresh connection and reads until the server closes it. A `cut`
 * request is destroyed mid-body and gets no response by design. A request whose framing promises
 * more than it sends (a longer Content-Length, a bad chunk size) half-closes once written, so the
 * server sees the end of the stream instead of waiting for the rest until its request timeout.
 * Others do not: Node's server aborts a request whose client half-closes before it is answered.
 */
export function sendRaw(port: number, request: RawRequest, timeoutMilliseconds: number): Promise<RawOutcome> {
  const host = `127.0.0.1:${port}`;
  const { head, body } = serialise(request, host);
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    let receivedBytes = 0;
    let settled = false;
    const socket = net.connect(port, '127.0.0.1');
    const finish = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const response = parseResponse(Buffer.concat(received), request.method === 'HEAD');
      resolve(response ? { kind: 'response', response } : { kind: 'no-response', reason, received: receivedBytes });
    };
    const timer = setTimeout(() => finish(`no complete response within ${timeoutMilliseconds} ms`), timeoutMilliseconds);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      receivedBytes += chunk.length;
    });
    socket.once('end', () => finish('the server closed the connection'));
    socket.once('close', () => finish('the connection closed'));
    // A server that answers before reading the whole body (413) may reset the connection under our write.
    socket.on('error', (error: NodeJS.ErrnoException) => finish(`socket error ${error.code ?? error.message}`));
    socket.once('connect', () => {
      socket.write(head);
      if (request.framing.kind === 'cut') {
        socket.write(body.subarray(0, request.framing.afterBytes), () =>
          setTimeout(() => finish('the client cut the connection mid-body'), 5),
        );
        return;
      }
      const promisesMore =
        request.framing.kind === 'declared-length' || (request.framing.kind === 'chunked' && request.framing.badChunk !== undefined);
      if (promisesMore) socket.end(body);
      else socket.write(body);
    });
  });
}

/** Parses a complete HTTP/1.1 response (Content-Length, chunked, or read to the end); undefined when incomplete. */
export function parseResponse(bytes: Buffer, headRequest: boolean): RawResponse | undefined {
  const headEnd = bytes.indexOf(HEAD_END);
  if (headEnd < 0) return undefined;
  const head = bytes.toString('latin1', 0, headEnd);
  const [statusLine, ...headerLines] = head.split('\r\n');
  const statusMatch = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!statusMatch) return undefined;
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = bytes.subarray(headEnd + HEAD_END.length);
  const status = Number(statusMatch[1]);
  if (headRequest || status === 204 || status === 304) return { status, headers, head, body: Buffer.alloc(0) };
  let body: Buffer | undefined = rest;
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(rest);
  else if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    body = rest.length >= length ? rest.subarray(0, length) : undefined;
  }
  return body ? { status, headers, head, body } : undefined;
}

function dechunk(bytes: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', offset);
    if (lineEnd < 0) return undefined;
    const size = parseInt(bytes.toString('latin1', offset, lineEnd), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (bytes.length < start + size) return undefined;
    parts.push(bytes.subarray(start, start + size));
    offset = start + size + 2;
  }
}
