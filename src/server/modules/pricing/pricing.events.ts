import { z } from 'zod';
import { defineEvents } from '../../kernel/events/define.js';
import { RULE_CODES, VALUATION_FLAGS } from './pricing.enums.js';

/** Events the pricing module publishes (payloads carry ids; subscribers read what they need). */
export const PricingEvents = defineEvents({
  ruleVersionCreated: {
    name: 'pricing.rule_version_created',
    aggregateType: 'pricing_rule',
    payload: z.object({
      ruleVersionId: z.string(),
      code: z.enum(RULE_CODES),
      scope: z.string(),
      effectiveFrom: z.string(),
    }),
    description: 'finance staff saved a new version of a tax or fee rule',
  },
  quoteCreated: {
    name: 'pricing.quote_created',
    aggregateType: 'pricing_quote',
    payload: z.object({ quoteId: z.string(), listingId: z.string(), mode: z.enum(['full', 'loan']) }),
    description: 'a landed-price quote for a listing was stored',
  },

  listingPriceChanged: {
    name: 'pricing.listing_price_changed',
    aggregateType: 'catalog_listing',
    payload: z.object({ listingId: z.string(), priceFen: z.number().int(), previousFen: z.number().int() }),
    description: "a listing's price changed (kept in its price history)",
  },
  abnormalPriceMove: {
    name: 'pricing.abnormal_price_move',
    aggregateType: 'catalog_listing',
    payload: z.object({
      listingId: z.string(),
      priceFen: z.number().int(),
      baselineFen: z.number().int(),
      shareBp: z.number().int(),
    }),
    description: "a listing's price moved more than the review share within 24 hours",
  },
  valuationOverridden: {
    name: 'pricing.valuation_overridden',
    aggregateType: 'catalog_listing',
    payload: z.object({
      listingId: z.string(),
      overrideId: z.string(),
      valueFen: z.number().int(),
      computedFen: z.number().int(),
      flag: z.enum(VALUATION_FLAGS),
    }),
    description:
      "an operator set a used listing's valuation by hand (with a reason), replacing the computed one",
  },
  priceAlertSubscribed: {
    name: 'pricing.price_alert_subscribed',
    aggregateType: 'catalog_listing',
    payload: z.object({ listingId: z.string(), buyerId: z.string(), referenceFen: z.number().int() }),
    description: "a signed-in buyer subscribed to a listing's price drops (leads records the contact)",
  },
  tradeInValuationRequested: {
    name: 'pricing.trade_in_valuation_requested',
    aggregateType: 'pricing_trade_in_valuation',
    payload: z.object({
      valuationId: z.string(),
      buyerId: z.string(),
      trimId: z.string(),
      cityCode: z.string(),
      valueFen: z.number().int(),
    }),
    description: 'a signed-in buyer asked for a trade-in valuation of their car (leads records the contact)',
  },
  valuationOverrideCleared: {
    name: 'pricing.valuation_override_cleared',
    aggregateType: 'catalog_listing',
    payload: z.object({
      listingId: z.string(),
      overrideId: z.string(),
      computedFen: z.number().int(),
      flag: z.enum(VALUATION_FLAGS),
    }),
    description: "an operator cleared a listing's valuation override: the computed value applies again",
  },
});
