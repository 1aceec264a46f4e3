import { defineErrors } from '../../kernel/http/errors.js';

export const AccessoryErrors = defineErrors({
  ACCESSORY_NOT_FOUND: {
    status: 404,
    zh: '未找到该精品/养护用品',
    en: 'Accessory not found',
    when: 'no accessory has that id, or (public) it is not on sale',
  },
  ACCESSORY_CATEGORY_UNKNOWN: {
    status: 422,
    zh: '分类 {categoryId} 不存在',
    en: 'Category {categoryId} does not exist',
    when: 'a product or a category names a category (parent) that does not exist',
  },
  ACCESSORY_CATEGORY_CYCLE: {
    status: 422,
    zh: '分类不能移动到自己或自己的下级分类下',
    en: 'A category cannot be moved under itself or its own subcategory',
    when: 'a category update would make the tree a cycle',
  },
  ACCESSORY_SERIES_UNKNOWN: {
    status: 422,
    zh: '车系 {seriesId} 不存在',
    en: 'Series {seriesId} does not exist',
    when: 'a fitment names a series that is not in the model database',
  },
  SKU_TAKEN: {
    status: 409,
    zh: 'SKU {sku} 已被其他商品使用',
    en: 'SKU {sku} is already used by another product',
    when: 'a variant reuses the SKU of another product’s variant, or a product lists one SKU twice',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    accessories: typeof AccessoryErrors;
  }
}
