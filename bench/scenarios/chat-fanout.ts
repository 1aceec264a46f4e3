import { systemMutation } from '../../src/server/kernel/mutation.js';
import * as repo from '../../src/server/modules/leads/leads.consultation.repository.js';
import { openConversation } from '../../src/server/modules/leads/leads.consultation.service.js';
import type { Scenario } from '../scenarios.js';

const CONVERSATIONS = 250;
const SOCKETS_PER_CONVERSATION = 2;
const VARIANTS = 40_000;

/**
 * Live chat fan-out: 250 conversations with an advisor, each watched by two open WebSocket connections (500
 * in all). The load is buyers sending messages over REST; run.ts opens the sockets first and measures how long
 * each message takes from the request to every socket of its conversation (p99 delivery latency).
 */
export const chatFanout: Scenario = {
  name: 'chat-fanout',
  description: 'POST a consultation message; 500 WebSockets receive it (delivery latency)',
  connections: 50,
  async prepare(ctx) {
    const at = new Date();
    const conversations: { conversationId: string; visitorToken: string }[] = [];
    for (let i = 0; i < CONVERSATIONS; i++) {
      const out = await openConversation(
        ctx,
        null,
        {
          listingId: null,
          cityCode: null,
          visitorToken: null,
          source: { channel: 'direct', utmSource: null, utmMedium: null, utmCampaign: null, referrer: null },
        },
        systemMutation(at),
      );
      // With an advisor already: the bench measures delivery, not the bot.
      await repo.updateConversation(ctx.database.db, out.conversation.id, {
        status: 'active',
        advisorAccountId: 'stf_bench_advisor',
        advisorName: '压测顾问',
        assignedAt: at,
      });
      conversations.push({ conversationId: out.conversation.id, visitorToken: out.visitorToken as string });
    }
    const variants = [];
    for (let k = 0; k < VARIANTS; k++) {
      const c = conversations[k % CONVERSATIONS] as (typeof conversations)[number];
      variants.push({
        headers: { 'x-visitor-token': c.visitorToken },
        body: JSON.stringify({ clientMessageId: `bench-${k}`, text: `比亚迪汉EV什么时候能提车？#${k}` }),
      });
    }
    const first = conversations[0] as (typeof conversations)[number];
    return {
      method: 'POST',
      // autocannon sends one path; each variant's conversation is in its token, so the path names the first
      // and the server checks the token against it: the variants go to the conversation via `paths`.
      path: `/api/v1/leads/consultations/${first.conversationId}/messages`,
      paths: variants.map((_, k) => {
        const c = conversations[k % CONVERSATIONS] as (typeof conversations)[number];
        return `/api/v1/leads/consultations/${c.conversationId}/messages`;
      }),
      variants,
      sockets: conversations.flatMap((c) => Array.from({ length: SOCKETS_PER_CONVERSATION }, () => c)),
    };
  },
};
