import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  TChatServerFrame,
  TConversationMessage,
} from '../../../server/modules/leads/leads.consultation.contract.js';
import { chatApi, visitorToken } from '../hooks/consultations.js';

// The live side of a conversation: one WebSocket that says hello with the last seq it has, so a reconnect
// resumes where it stopped; messages are kept by seq (a repeat is ignored). Sends not yet acknowledged are
// sent again, with the same clientMessageId, after a reconnect: the server stores each once.

export type ChatState = 'connecting' | 'open' | 'closed';

interface Pending {
  clientMessageId: string;
  text: string | null;
  imageId: string | null;
}

export interface ChatSocket {
  readonly state: ChatState;
  readonly messages: TConversationMessage[];
  readonly pending: Pending[];
  /** The other side is typing (shown for a few seconds). */
  readonly otherTyping: boolean;
  /** The other side's read mark. */
  readonly otherReadSeq: number;
  readonly otherOnline: boolean;
  send(content: { text?: string; imageId?: string }): void;
  typing(): void;
}

function newClientId(): string {
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function useChatSocket(
  conversationId: string | null,
  side: 'buyer' | 'advisor',
  initial: { messages: TConversationMessage[]; otherReadSeq: number } | undefined,
  onSystemMessage?: () => void,
): ChatSocket {
  const [state, setState] = useState<ChatState>('connecting');
  const [messages, setMessages] = useState<TConversationMessage[]>([]);
  const [pending, setPending] = useState<Pending[]>([]);
  const [otherTyping, setOtherTyping] = useState(false);
  const [otherReadSeq, setOtherReadSeq] = useState(0);
  const [otherOnline, setOtherOnline] = useState(false);
  const ws = useRef<WebSocket | null>(null);
  const lastSeq = useRef(0);
  const pendingRef = useRef<Pending[]>([]);
  const typingTimer = useRef<number | null>(null);
  const lastTypingSent = useRef(0);
  const onSystem = useRef(onSystemMessage);
  onSystem.current = onSystemMessage;

  // Seed from the REST history so the thread shows at once; the socket then resumes after it.
  useEffect(() => {
    if (!initial) return;
    setMessages((prev) => merge(prev, initial.messages));
    lastSeq.current = Math.max(lastSeq.current, initial.messages.at(-1)?.seq ?? 0);
    setOtherReadSeq((s) => Math.max(s, initial.otherReadSeq));
  }, [initial]);

  useEffect(() => {
    if (!conversationId) return;
    let stopped = false;
    let attempt = 0;
    let retry: number | null = null;
    const connect = () => {
      setState('connecting');
      const proto = window.location.protocol === 'https:' ? 'wss' : 'ws';
      const socket = new WebSocket(`${proto}://${window.location.host}/api/v1/leads/consultations/ws`);
      ws.current = socket;
      socket.onopen = () => {
        attempt = 0;
        socket.send(
          JSON.stringify({
            type: 'hello',
            conversationId,
            lastSeq: lastSeq.current,
            visitorToken: visitorToken(),
          }),
        );
      };
      socket.onmessage = (ev) => {
        const frame = JSON.parse(String(ev.data)) as TChatServerFrame;
        switch (frame.type) {
          case 'welcome':
            setState('open');
            for (const p of pendingRef.current)
              socket.send(JSON.stringify({ type: 'send', conversationId, ...p }));
            break;
          case 'message': {
            const m = frame.message;
            lastSeq.current = Math.max(lastSeq.current, m.seq);
            setMessages((prev) => merge(prev, [m]));
            if (m.clientMessageId) dropPending(m.clientMessageId);
            if (m.sender === 'system' || m.systemKind) onSystem.current?.();
            if ((side === 'buyer') === (m.sender === 'advisor')) setOtherTyping(false);
            break;
          }
          case 'ack':
            dropPending(frame.clientMessageId);
            break;
          case 'typing':
            setOtherTyping(true);
            if (typingTimer.current) window.clearTimeout(typingTimer.current);
            typingTimer.current = window.setTimeout(() => setOtherTyping(false), 4000);
            break;
          case 'read':
            setOtherReadSeq((s) => Math.max(s, frame.seq));
            break;
          case 'presence':
            setOtherOnline(frame.online);
            break;
          case 'error':
            if (frame.clientMessageId) dropPending(frame.clientMessageId);
            break;
          default:
            break;
        }
      };
      socket.onclose = () => {
        if (ws.current === socket) ws.current = null;
        setState('closed');
        if (stopped) return;
        attempt++;
        retry = window.setTimeout(connect, Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)));
      };
    };
    const dropPending = (id: string) => {
      pendingRef.current = pendingRef.current.filter((p) => p.clientMessageId !== id);
      setPending(pendingRef.current);
    };
    connect();
    return () => {
      stopped = true;
      if (retry) window.clearTimeout(retry);
      ws.current?.close();
      ws.current = null;
    };
  }, [conversationId, side]);

  // Mark what is on screen as read (the other side sees the ticks).
  const lastOther = [...messages]
    .reverse()
    .find((m) => (side === 'buyer' ? m.sender !== 'buyer' : m.sender === 'buyer'));
  const readSent = useRef(0);
  useEffect(() => {
    if (!conversationId || !lastOther || lastOther.seq <= readSent.current) return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    readSent.current = lastOther.seq;
    const socket = ws.current;
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: 'read', conversationId, seq: lastOther.seq }));
    } else {
      void chatApi(`/${conversationId}/read`, { method: 'POST', body: { seq: lastOther.seq } }).catch(
        () => undefined,
      );
    }
  }, [conversationId, lastOther]);

  const send = useCallback(
    (content: { text?: string; imageId?: string }) => {
      if (!conversationId) return;
      const p: Pending = {
        clientMessageId: newClientId(),
        text: content.text ?? null,
        imageId: content.imageId ?? null,
      };
      pendingRef.current = [...pendingRef.current, p];
      setPending(pendingRef.current);
      const socket = ws.current;
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: 'send', conversationId, ...p }));
      }
    },
    [conversationId],
  );

  const typing = useCallback(() => {
    const socket = ws.current;
    if (!conversationId || !socket || socket.readyState !== WebSocket.OPEN) return;
    if (Date.now() - lastTypingSent.current < 2000) return;
    lastTypingSent.current = Date.now();
    socket.send(JSON.stringify({ type: 'typing', conversationId }));
  }, [conversationId]);

  return { state, messages, pending, otherTyping, otherReadSeq, otherOnline, send, typing };
}

function merge(prev: TConversationMessage[], more: TConversationMessage[]): TConversationMessage[] {
  const bySeq = new Map(prev.map((m) => [m.seq, m]));
  for (const m of more) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
