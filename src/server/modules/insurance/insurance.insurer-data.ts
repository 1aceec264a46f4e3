import type { InsurerCode } from './insurance.enums.js';

/**
 * The partner insurers' registered short names and their order on a new platform. A code without a row yet
 * is listed from here as inactive; the console's first edit stores its row.
 */
export const INSURER_DEFAULTS: Readonly<
  Record<InsurerCode, { nameZh: string; nameEn: string; displayOrder: number }>
> = {
  picc: { nameZh: '中国人保财险', nameEn: 'PICC Property and Casualty', displayOrder: 10 },
  pingan: { nameZh: '平安产险', nameEn: 'Ping An Property & Casualty', displayOrder: 20 },
  cpic: { nameZh: '太平洋产险', nameEn: 'CPIC Property & Casualty', displayOrder: 30 },
  chinalife: { nameZh: '国寿财险', nameEn: 'China Life Property & Casualty', displayOrder: 40 },
};
