import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZRiskCase,
  ZRiskCaseIdParams,
  ZRiskCaseListQuery,
  ZRiskCasePage,
  ZRiskDecisionRequest,
  ZRiskRule,
  ZRiskRuleList,
  ZRiskRuleParams,
  ZUpdateRiskRuleRequest,
} from './risk.contract.js';
import * as service from './risk.service.js';

const tags = ['risk'];
const review = { permission: 'risk.review' } as const;
const manageRules = { permission: 'risk.rules.manage' } as const;

/** The risk API under /api/v1/risk: the case queue, decisions and the velocity rules. */
export const riskRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.ctx.database.db;
  const now = () => app.ctx.clock.now();

  app.get(
    '/cases',
    {
      config: { auth: review },
      schema: { tags, querystring: ZRiskCaseListQuery, response: { 200: ZRiskCasePage } },
    },
    async (request) => service.listRiskCases(db(), request.query),
  );

  app.get(
    '/cases/:id',
    { config: { auth: review }, schema: { tags, params: ZRiskCaseIdParams, response: { 200: ZRiskCase } } },
    async (request) => service.getRiskCase(db(), request.params.id),
  );

  // Idempotency-Key: the kernel replays the first answer to a retried decision.
  app.post(
    '/cases/:id/decision',
    {
      config: { auth: review },
      schema: { tags, params: ZRiskCaseIdParams, body: ZRiskDecisionRequest, response: { 200: ZRiskCase } },
    },
    async (request) =>
      service.decideRiskCase(
        db(),
        { caseId: request.params.id, decision: request.body.decision, note: request.body.note },
        request.mutation,
      ),
  );

  app.get(
    '/rules',
    { config: { auth: review }, schema: { tags, response: { 200: ZRiskRuleList } } },
    async () => service.listRiskRules(db(), now()),
  );

  app.get(
    '/rules/:rule',
    { config: { auth: review }, schema: { tags, params: ZRiskRuleParams, response: { 200: ZRiskRule } } },
    async (request) => service.getRiskRule(db(), request.params.rule, now()),
  );

  app.put(
    '/rules/:rule',
    {
      config: { auth: manageRules },
      schema: { tags, params: ZRiskRuleParams, body: ZUpdateRiskRuleRequest, response: { 200: ZRiskRule } },
    },
    async (request) => service.updateRiskRule(db(), request.params.rule, request.body, request.mutation),
  );
};
