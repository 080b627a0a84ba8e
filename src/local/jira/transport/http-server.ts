/** The stand-in over plain HTTP (Node's `http`, no framework): what jira.js, curl and the CLI talk to. */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Transport, TransportRequest, TransportResponse } from './transport';
import { jiraError } from './jira-errors';

export interface StandInServerOptions {
  transport: Transport;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** One line per request (method, path, status, ms); silent when omitted. */
  logLine?: (line: string) => void;
  /** Bodies beyond this are refused with 413. Default 10 MB. */
  maxBodyBytes?: number;
}

export interface StandInServer {
  /** e.g. `http://127.0.0.1:4000`, no trailing slash. */
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function lowerCaseHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function writeResponse(res: http.ServerResponse, response: TransportResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  const payload = JSON.stringify(response.body);
  res
    .writeHead(response.status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': String(Buffer.byteLength(payload)), ...headers })
    .end(payload);
}

export async function createStandInServer(options: StandInServerOptions): Promise<StandInServer> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const started = Date.now();
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in.local');
      const rawBody = await readBody(req, maxBodyBytes);
      let response: TransportResponse;
      if (rawBody === null) {
        response = jiraError(413, [`The request body is larger than ${maxBodyBytes} bytes.`]);
      } else {
        const request: TransportRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: lowerCaseHeaders(req.headers),
          rawBody,
        };
        response = await options.transport.handle(request);
      }
      options.logLine?.(`${req.method} ${url.pathname}${url.search} → ${response.resetConnection ? 'reset' : response.status} (${Date.now() - started} ms)`);
      if (response.resetConnection) req.socket.destroy();
      else writeResponse(res, response);
    })().catch((error: unknown) => {
      if (!res.headersSent) writeResponse(res, jiraError(500, [`Internal server error: ${(error as Error).message}`]));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets would hold close() open; the stand-in owns them, so end them.
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
