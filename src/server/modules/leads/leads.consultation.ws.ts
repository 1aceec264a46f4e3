import websocket, { type WebSocket } from '@fastify/websocket';
import type { FastifyPluginAsync } from 'fastify';
import { AppError, localize } from '../../kernel/http/errors.js';
import type { Mutation } from '../../kernel/mutation.js';
import { type ChatSocket, chatHub, closeChatHub } from './leads.consultation.bus.js';
import * as contact from './leads.consultation.contact.js';
import { type TChatServerFrame, ZChatClientFrame } from './leads.consultation.contract.js';
import * as chat from './leads.consultation.service.js';

// GET /api/v1/leads/consultations/ws: one socket per browser tab, joined to any number of conversations.
// The session cookie (or bearer) says who a signed-in buyer or advisor is; an anonymous visitor sends their
// token in each hello. Protocol: see docs/consultation.md.

const MAX_FRAME_BYTES = 16 * 1024;

export const consultationSocket: FastifyPluginAsync = async (app) => {
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  app.addHook('onClose', async () => closeChatHub(app.ctx));

  app.route({
    method: 'GET',
    url: '/ws',
    config: { auth: 'public' },
    // A plain HTTP GET (no Upgrade) is not a socket: the usual 404 with its error code.
    handler: async () => {
      throw new AppError('NOT_FOUND');
    },
    wsHandler: (socket: WebSocket, request) => {
      const ctx = app.ctx;
      const hub = chatHub(ctx);
      const actor = request.actor;
      let visitorToken: string | null = null;
      const party = () => chat.partyOf(ctx, actor, visitorToken);
      const side = actor?.kind === 'staff' ? 'advisor' : 'buyer';
      const client: ChatSocket = {
        side,
        lastSent: new Map(),
        chain: Promise.resolve(),
        send(frame: TChatServerFrame) {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
        },
      };
      const lang = request.mutation?.lang ?? 'zh-CN';
      const mutation = (): Mutation => ({ ...request.mutation, at: ctx.clock.now() });
      const fail = (err: unknown, clientMessageId?: string) => {
        const code = err instanceof AppError ? err.code : 'INTERNAL';
        if (!(err instanceof AppError)) request.log.error(err);
        client.send({
          type: 'error',
          code,
          message: err instanceof AppError ? localize(code, lang) : 'internal error',
          ...(clientMessageId ? { clientMessageId } : {}),
        });
      };

      // Frames are handled one after another, so a send's ack never overtakes an earlier hello.
      let queue = Promise.resolve();
      socket.on('message', (raw) => {
        queue = queue.then(() => handle(raw.toString())).catch((err: unknown) => fail(err));
      });
      socket.on('close', () => {
        for (const id of hub.leave(client)) {
          void hub
            .signal(id, { type: 'presence', conversationId: id, side, online: false })
            .catch(() => undefined);
        }
      });

      async function handle(text: string): Promise<void> {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          throw new AppError('VALIDATION_FAILED');
        }
        const parsed = ZChatClientFrame.safeParse(json);
        if (!parsed.success) throw new AppError('VALIDATION_FAILED');
        const frame = parsed.data;
        switch (frame.type) {
          case 'ping':
            client.send({ type: 'pong' });
            return;
          case 'hello': {
            if (frame.visitorToken) visitorToken = frame.visitorToken;
            // Checks the party may see it (404 otherwise) before anything is sent.
            const conv = await chat.getConversation(ctx, party(), frame.conversationId);
            const already = client.lastSent.has(conv.id);
            await hub.join(conv.id, client, already ? (client.lastSent.get(conv.id) ?? 0) : frame.lastSeq);
            client.send({ type: 'welcome', conversationId: conv.id, lastSeq: conv.lastSeq });
            await hub.signal(conv.id, { type: 'presence', conversationId: conv.id, side, online: true });
            return;
          }
          case 'send': {
            if (!client.lastSent.has(frame.conversationId)) throw new AppError('CONVERSATION_NOT_FOUND');
            try {
              const result = await chat.sendMessage(
                ctx,
                party(),
                frame.conversationId,
                {
                  clientMessageId: frame.clientMessageId,
                  text: frame.text ?? null,
                  imageId: frame.imageId ?? null,
                },
                mutation(),
              );
              client.send({
                type: 'ack',
                conversationId: frame.conversationId,
                clientMessageId: frame.clientMessageId,
                seq: result.message.seq,
              });
            } catch (err) {
              fail(err, frame.clientMessageId);
            }
            return;
          }
          case 'typing':
            if (!client.lastSent.has(frame.conversationId)) return;
            await hub.signal(frame.conversationId, {
              type: 'typing',
              conversationId: frame.conversationId,
              side,
            });
            return;
          case 'read':
            if (!client.lastSent.has(frame.conversationId)) return;
            await contact.markRead(ctx, party(), frame.conversationId, frame.seq);
            return;
        }
      }
    },
  });
};
