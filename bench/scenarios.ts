import type { AppContext } from '../src/server/kernel/context.js';

/** What the load generator hits for one scenario, prepared inside the server process. */
export interface PreparedTarget {
  method: 'GET' | 'POST';
  path: string;
  /** When set, every request takes the next of these paths in turn (across all connections). */
  paths?: string[];
  headers?: Record<string, string>;
  body?: string;
  /**
   * When set, request k sends variant k (headers merged over `headers`, body instead of `body`), in turn across
   * all connections: distinct buyers, sessions and Idempotency-Keys for routes that take something.
   */
  variants?: { headers?: Record<string, string>; body?: string }[];
  /**
   * Live chat: WebSocket connections run.ts opens (one per entry) before the load, each saying hello to its
   * conversation; it reports how long messages took from request to socket (chat-fanout).
   */
  sockets?: { conversationId: string; visitorToken: string }[];
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly connections: number;
  /** Runs only when named (`npm run bench -- dashboard`): its seeding takes minutes. */
  readonly onlyWhenNamed?: boolean;
  /** Runs in the server process after migration: creates what the route needs. */
  prepare(ctx: AppContext): Promise<PreparedTarget>;
  /**
   * Runs in the server process after the measurement: checks what the load left behind (nothing oversold) and
   * returns lines to print; a returned `ok: false` fails the run.
   */
  verify?(ctx: AppContext): Promise<{ ok: boolean; lines: string[] }>;
}

export { scenarios } from './scenarios/index.js';
