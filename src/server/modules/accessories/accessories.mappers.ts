import type { TAccessory, TAccessoryCategory } from './accessories.contract.js';
import type { AccessoryCategoryRow, AccessoryView } from './accessories.repository.js';

// The one place accessory rows become API objects.

export function toCategory(r: AccessoryCategoryRow): TAccessoryCategory {
  return { id: r.id, parentId: r.parentId, name: r.name, nameEn: r.nameEn, sort: r.sort };
}

export function toAccessory(v: AccessoryView): TAccessory {
  const p = v.product;
  return {
    id: p.id,
    categoryId: p.categoryId,
    name: p.name,
    nameEn: p.nameEn,
    description: p.description,
    brand: p.brand,
    status: p.status,
    returnable: p.returnable,
    variants: v.variants.map((x) => ({
      id: x.id,
      sku: x.sku,
      attributes: (x.attributes ?? {}) as Record<string, string>,
      priceFen: x.priceFen,
    })),
    seriesIds: v.seriesIds,
    fitments: v.fitments,
    priceFromFen: Math.min(...v.variants.map((x) => x.priceFen)),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
