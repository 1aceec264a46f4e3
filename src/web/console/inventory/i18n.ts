import { addTranslations } from '../../shared/i18n.js';

// The console's stock board (库存): vehicle units by VIN per store and trim, with days in stock.

const zh = {
  menu: '库存',
  title: '库存',
  subtitle:
    '按门店和车型查看每台车（按 VIN）的库存状态和在库天数；在库超过 60 天、90 天的车辆标为库龄预警，优先销售。',
  anyStore: '全部门店',
  anyStatus: '全部状态',
  store: '门店 / 仓库',
  trim: '车型',
  colour: '颜色',
  vin: 'VIN',
  status: '状态',
  daysInStock: '在库天数',
  days: '{{count}} 天',
  aged: { '60': '库龄超 60 天', '90': '库龄超 90 天' },
  enteredStockAt: '入库时间',
  actions: { receive: '到店入库', deliver: '已交车' },
  done: '已更新',
  statuses: {
    in_transit: '在途',
    available: '可售',
    reserved: '已预订',
    sold: '已售',
    delivered: '已交付',
  },
};

const en: typeof zh = {
  menu: 'Stock',
  title: 'Stock',
  subtitle:
    'Every vehicle (by VIN) per store and trim with its status and days in stock; cars in stock over 60 and over 90 days are tagged as aged, to be sold first.',
  anyStore: 'All locations',
  anyStatus: 'All statuses',
  store: 'Store / warehouse',
  trim: 'Trim',
  colour: 'Colour',
  vin: 'VIN',
  status: 'Status',
  daysInStock: 'Days in stock',
  days: '{{count}} d',
  aged: { '60': 'Over 60 days', '90': 'Over 90 days' },
  enteredStockAt: 'Entered stock',
  actions: { receive: 'Arrived', deliver: 'Delivered' },
  done: 'Updated',
  statuses: {
    in_transit: 'In transit',
    available: 'Available',
    reserved: 'Reserved',
    sold: 'Sold',
    delivered: 'Delivered',
  },
};

addTranslations('consoleInventory', zh, en);
