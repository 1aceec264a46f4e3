import type { Scenario } from '../scenarios.js';
import { authMe } from './auth-me.js';
import { chatFanout } from './chat-fanout.js';
import { collect } from './collect.js';
import { dashboard } from './dashboard.js';
import { detail, detailCold } from './detail.js';
import { landedPrice } from './landed-price.js';
import { orderPlacement } from './order-placement.js';
import { search, searchCold, searchCold1m, searchUncached } from './search.js';

/** Every scenario `npm run bench` runs; later modules add theirs here. */
export const scenarios: readonly Scenario[] = [
  authMe,
  search,
  detail,
  detailCold,
  searchUncached,
  searchCold,
  searchCold1m,
  landedPrice,
  orderPlacement,
  chatFanout,
  collect,
  dashboard,
];
