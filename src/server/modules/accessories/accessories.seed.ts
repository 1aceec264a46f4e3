// Demo accessories and care products. Deterministic (fixed ids) and re-runnable.
import type { Db } from '../../kernel/db/client.js';
import { withTransaction } from '../../kernel/db/transaction.js';
import { listSeriesNames } from '../catalog/index.js';
import {
  accessoryCategories,
  accessoryFitments,
  accessoryProducts,
  accessoryVariants,
} from './accessories.schema.js';

const SEEDED_AT = new Date('2026-11-01T02:00:00Z');

/** Demo categories and products (some fitted to demo series); re-runnable, rows that exist are kept. */
const NOT_RETURNABLE = new Set(['acp_seed_wallbox', 'acp_seed_oil']);

export async function seedAccessories(db: Db): Promise<void> {
  const cats: (typeof accessoryCategories.$inferInsert)[] = [
    { id: 'acc_cat_jingpin', parentId: null, name: '汽车精品', nameEn: 'Accessories', sort: 1 },
    { id: 'acc_cat_mats', parentId: 'acc_cat_jingpin', name: '脚垫', nameEn: 'Floor mats', sort: 1 },
    { id: 'acc_cat_covers', parentId: 'acc_cat_jingpin', name: '座套/座垫', nameEn: 'Seat covers', sort: 2 },
    { id: 'acc_cat_dashcam', parentId: 'acc_cat_jingpin', name: '行车记录仪', nameEn: 'Dash cams', sort: 3 },
    { id: 'acc_cat_charging', parentId: 'acc_cat_jingpin', name: '充电设备', nameEn: 'Charging', sort: 4 },
    { id: 'acc_cat_care', parentId: null, name: '养护用品', nameEn: 'Care products', sort: 2 },
    { id: 'acc_cat_wax', parentId: 'acc_cat_care', name: '车蜡/镀晶', nameEn: 'Wax and coating', sort: 1 },
    { id: 'acc_cat_fluids', parentId: 'acc_cat_care', name: '玻璃水/防冻液', nameEn: 'Fluids', sort: 2 },
    { id: 'acc_cat_oil', parentId: 'acc_cat_care', name: '机油', nameEn: 'Engine oil', sort: 3 },
  ];
  const seriesRows = await listSeriesNames(db);
  const fitting = (...names: string[]) => seriesRows.filter((s) => names.includes(s.name)).map((s) => s.id);
  type P = [string, string, string, string, string, [string, Record<string, string>, number][], string[]];
  const products: P[] = [
    [
      'acp_seed_mat_han',
      'acc_cat_mats',
      '汉 全包围TPE脚垫',
      '3W',
      '原车数据开模，防水耐磨',
      [
        ['MAT-HAN-BLK', { 颜色: '黑色' }, 69_900],
        ['MAT-HAN-BEI', { 颜色: '米色' }, 72_900],
      ],
      fitting('汉'),
    ],
    [
      'acp_seed_mat_m3',
      'acc_cat_mats',
      'Model 3 立体脚垫',
      '3W',
      '前后排+后备箱全套',
      [['MAT-M3-SET', { 套装: '全车6件' }, 89_900]],
      fitting('Model 3', 'Model Y'),
    ],
    [
      'acp_seed_cover',
      'acc_cat_covers',
      '四季通用冰丝座垫',
      '车丽友',
      '透气凉爽，通用五座',
      [
        ['CVR-ICE-BLK', { 颜色: '黑色' }, 29_900],
        ['CVR-ICE-GRY', { 颜色: '灰色' }, 29_900],
      ],
      [],
    ],
    [
      'acp_seed_dashcam',
      'acc_cat_dashcam',
      '4K 前后双录行车记录仪',
      '70迈',
      '4K 超清，停车监控，含 64G 存储卡',
      [
        ['CAM-70M-4K', { 版本: '4K双录' }, 59_900],
        ['CAM-70M-2K', { 版本: '2K单录' }, 29_900],
      ],
      [],
    ],
    [
      'acp_seed_wallbox',
      'acc_cat_charging',
      '7kW 家用交流充电桩',
      '公牛',
      '含基础安装（30米内），国标接口',
      [
        ['EVSE-7KW-STD', { 功率: '7kW' }, 199_900],
        ['EVSE-11KW-3P', { 功率: '11kW 三相' }, 299_900],
      ],
      [],
    ],
    [
      'acp_seed_portable',
      'acc_cat_charging',
      '便携式随车充电枪',
      '公牛',
      '10A/16A 可调，国标',
      [['EVSE-PORT-16A', { 电流: '16A' }, 89_900]],
      [],
    ],
    [
      'acp_seed_wax',
      'acc_cat_wax',
      '镀晶车蜡 500ml',
      '龟牌',
      '易上手，提升漆面光泽',
      [['WAX-TURTLE-500', { 容量: '500ml' }, 12_800]],
      [],
    ],
    [
      'acp_seed_washer',
      'acc_cat_fluids',
      '冬季玻璃水 -25℃ 2L×4',
      '3M',
      '防冻去油膜',
      [['WSH-3M-25C-4', { 规格: '2L×4' }, 5_990]],
      [],
    ],
    [
      'acp_seed_oil',
      'acc_cat_oil',
      '全合成机油 0W-20 4L',
      '美孚',
      'SP 级别，适用多数日系/国产发动机',
      [
        ['OIL-MOB-0W20-4L', { 规格: '4L' }, 39_900],
        ['OIL-MOB-0W20-1L', { 规格: '1L' }, 11_900],
      ],
      fitting('卡罗拉', '雅阁', '思域', '凯美瑞', '朗逸'),
    ],
  ];
  await withTransaction(db, async (tx) => {
    await tx.insert(accessoryCategories).values(cats).onConflictDoNothing();
    await tx
      .insert(accessoryProducts)
      .values(
        products.map(([id, categoryId, name, brand, description]) => ({
          id,
          categoryId,
          name,
          brand,
          description,
          status: 'listed' as const,
          // Installed on site, and opened engine oil: excluded from the 7-day no-reason return.
          returnable: !NOT_RETURNABLE.has(id),
          createdAt: SEEDED_AT,
          updatedAt: SEEDED_AT,
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(accessoryVariants)
      .values(
        products.flatMap(([id, , , , , variants]) =>
          variants.map(([sku, attributes, priceFen]) => ({
            id: `acv_seed_${sku.toLowerCase().replace(/[^a-z0-9]/g, '_')}`,
            productId: id,
            sku,
            attributes,
            priceFen,
          })),
        ),
      )
      .onConflictDoNothing();
    const fitments = products.flatMap(([id, , , , , , seriesIds]) =>
      seriesIds.map((seriesId) => ({ productId: id, seriesId })),
    );
    if (fitments.length > 0) await tx.insert(accessoryFitments).values(fitments).onConflictDoNothing();
  });
}
