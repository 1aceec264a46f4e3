// The FAQ library's constant lists (shared by tables, contracts and the web app).

/** What a buyer asks about; the storefront help page groups FAQs by these. */
export const FAQ_CATEGORIES = [
  'prices_discounts',
  'loans',
  'delivery',
  'test_drives',
  'used_car_inspection',
  'warranty',
  'trade_in',
  'nev_charging',
  'orders_payment',
  'after_sales',
] as const;
export type FaqCategory = (typeof FAQ_CATEGORIES)[number];

/** published: the bot answers with it and the help page lists it; draft: being written; archived: removed. */
export const FAQ_STATUSES = ['published', 'draft', 'archived'] as const;
export type FaqStatus = (typeof FAQ_STATUSES)[number];

/** Where a question was asked: in a consultation (the chat) or on the storefront help page. */
export const FAQ_ASK_CHANNELS = ['chat', 'help_page'] as const;

/** Placeholders an answer may hold, filled with live data from what the buyer is looking at. */
export const FAQ_PLACEHOLDERS = [
  'trim.name',
  'trim.price',
  'trim.landedPrice',
  'store.name',
  'store.hours',
  'store.address',
  'store.phone',
  'testdrive.nextSlots',
] as const;

/** The bot's deflection goal (share of bot conversations resolved without a person). */
export const FAQ_DEFLECTION_GOAL = 0.8;
