import type { AppContext } from '../../kernel/context.js';
import type { TChatServerFrame } from './leads.consultation.contract.js';
import { toMessage } from './leads.consultation.mappers.js';
import * as repo from './leads.consultation.repository.js';

// Live delivery. Each app process keeps the sockets it holds by conversation. A new message is pushed to
// this process's sockets at once and announced to the other processes over the context's cross-process
// bus (PostgreSQL LISTEN/NOTIFY, see kernel/cache/bus.ts) as only (conversationId, seq); each process then
// reads what its sockets have not had yet from the database. A socket remembers the last seq it was sent
// per conversation, so a notice that arrives twice, late or out of order never duplicates nor skips.

const CHANNEL = 'leads.chat';
const PAGE = 200;

/** One connected client (a browser tab) as the hub sees it. */
export interface ChatSocket {
  send(frame: TChatServerFrame): void;
  /** Per conversation joined: the highest seq this socket has been sent. */
  readonly lastSent: Map<string, number>;
  /** Which side the socket speaks for (typing/read/presence frames are not echoed to the same side). */
  readonly side: 'buyer' | 'advisor';
  /** Serialises this socket's reads so two notices never send the same message twice. */
  chain: Promise<void>;
}

type BusMessage =
  | { c: string; s: number }
  | { c: string; f: Extract<TChatServerFrame, { side: 'buyer' | 'advisor' }> };

export class ChatHub {
  readonly #ctx: AppContext;
  readonly #byConversation = new Map<string, Set<ChatSocket>>();
  readonly #unsubscribe: () => void;
  /** Frames pushed to sockets (the bench and tests read it). */
  delivered = 0;

  constructor(ctx: AppContext) {
    this.#ctx = ctx;
    this.#unsubscribe = ctx.cacheBus.subscribe(CHANNEL, (d) => {
      if (d.kind === 'missed') {
        // The listener was down for a while: catch every socket up from the database.
        for (const id of this.#byConversation.keys()) this.#pumpAll(id);
        return;
      }
      const m = parse(d.message);
      if (!m) return;
      if ('s' in m) this.#pumpAll(m.c);
      else this.#sendLocal(m.c, m.f);
    });
  }

  /** Resolves once notices from other processes are being received. */
  ready(): Promise<void> {
    return this.#ctx.cacheBus.ready();
  }

  get socketCount(): number {
    let n = 0;
    for (const s of this.#byConversation.values()) n += s.size;
    return n;
  }

  /** A socket joins a conversation having seen up to `lastSeq`: it gets everything after it, in order. */
  join(conversationId: string, socket: ChatSocket, lastSeq: number): Promise<void> {
    socket.lastSent.set(conversationId, lastSeq);
    let set = this.#byConversation.get(conversationId);
    if (!set) {
      set = new Set();
      this.#byConversation.set(conversationId, set);
    }
    set.add(socket);
    return this.#pump(conversationId, socket);
  }

  leave(socket: ChatSocket): string[] {
    const left: string[] = [];
    for (const id of socket.lastSent.keys()) {
      const set = this.#byConversation.get(id);
      if (!set) continue;
      set.delete(socket);
      if (set.size === 0) this.#byConversation.delete(id);
      left.push(id);
    }
    socket.lastSent.clear();
    return left;
  }

  /** A message was committed: push it here, and tell the other processes. */
  async changed(conversationId: string, seq: number): Promise<void> {
    this.#pumpAll(conversationId);
    await this.#ctx.cacheBus.publish(
      CHANNEL,
      JSON.stringify({ c: conversationId, s: seq } satisfies BusMessage),
    );
  }

  /** A transient frame (typing, read mark, presence) for the other side, here and in the other processes. */
  async signal(
    conversationId: string,
    frame: Extract<TChatServerFrame, { side: 'buyer' | 'advisor' }>,
  ): Promise<void> {
    this.#sendLocal(conversationId, frame);
    await this.#ctx.cacheBus.publish(
      CHANNEL,
      JSON.stringify({ c: conversationId, f: frame } satisfies BusMessage),
    );
  }

  close(): void {
    this.#unsubscribe();
    this.#byConversation.clear();
  }

  #sendLocal(conversationId: string, frame: Extract<TChatServerFrame, { side: 'buyer' | 'advisor' }>): void {
    for (const socket of this.#byConversation.get(conversationId) ?? []) {
      if (socket.side !== frame.side) socket.send(frame);
    }
  }

  #pumpAll(conversationId: string): void {
    for (const socket of this.#byConversation.get(conversationId) ?? [])
      void this.#pump(conversationId, socket);
  }

  #pump(conversationId: string, socket: ChatSocket): Promise<void> {
    socket.chain = socket.chain
      .then(async () => {
        for (;;) {
          const after = socket.lastSent.get(conversationId);
          if (after === undefined) return; // left meanwhile
          const rows = await repo.messagesAfter(this.#ctx.database.db, conversationId, after, PAGE);
          for (const row of rows) {
            socket.send({ type: 'message', conversationId, message: toMessage(row) });
            this.delivered++;
          }
          const last = rows.at(-1);
          if (last) socket.lastSent.set(conversationId, last.seq);
          if (rows.length < PAGE) return;
        }
      })
      .catch((err: unknown) => {
        console.error(`Chat delivery failed: ${err instanceof Error ? err.message : String(err)}`);
      });
    return socket.chain;
  }
}

function parse(message: string): BusMessage | null {
  try {
    const v = JSON.parse(message) as unknown;
    if (typeof v === 'object' && v !== null && 'c' in v && typeof v.c === 'string') return v as BusMessage;
  } catch {
    // not ours
  }
  return null;
}

const hubs = new WeakMap<AppContext, ChatHub>();

/** The hub of this app context (one per process in production; tests build several). */
export function chatHub(ctx: AppContext): ChatHub {
  let hub = hubs.get(ctx);
  if (!hub) {
    hub = new ChatHub(ctx);
    hubs.set(ctx, hub);
  }
  return hub;
}

/** Drops the context's hub (the app is closing). */
export function closeChatHub(ctx: AppContext): void {
  hubs.get(ctx)?.close();
  hubs.delete(ctx);
}
