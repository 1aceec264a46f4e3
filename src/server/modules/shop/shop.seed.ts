import type { AppContext } from '../../kernel/context.js';
import { shopShippingRules } from './shop.schema.js';

const SEEDED_AT = new Date('2026-11-01T00:00:00Z');

/**
 * Demo shipping-fee rules: ¥10, free from ¥99 in most of the country; remote provinces ¥25, free from
 * ¥299. Operators change them in the console (shipping rules).
 */
export async function seedShop(ctx: Pick<AppContext, 'database'>): Promise<void> {
  const remote = ['新疆维吾尔自治区', '西藏自治区', '青海省', '内蒙古自治区', '宁夏回族自治区', '甘肃省'];
  await ctx.database.db
    .insert(shopShippingRules)
    .values([
      { province: '', feeFen: 1_000, freeOverFen: 9_900, updatedAt: SEEDED_AT },
      ...remote.map((province) => ({ province, feeFen: 2_500, freeOverFen: 29_900, updatedAt: SEEDED_AT })),
      { province: '海南省', feeFen: 1_500, freeOverFen: 19_900, updatedAt: SEEDED_AT },
    ])
    .onConflictDoNothing();
}
