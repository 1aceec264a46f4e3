import { withTransaction } from '../../kernel/db/transaction.js';
import type { SeedStep } from '../../kernel/module.js';
import { staffAccountIdsByEmail } from '../identity/index.js';
import { leadAdvisorTable, type NewLeadAdvisorRow } from './leads.advisors.schema.js';
import { recordLeadContact } from './leads.intake.js';
import { leadTable } from './leads.schema.js';

const SEEDED_AT = new Date('2026-11-01T00:00:00Z');

type DemoAdvisor = Omit<NewLeadAdvisorRow, 'accountId' | 'updatedAt' | 'managerAccountId'> & {
  email: string;
  managerEmail: string | null;
};

/** The demo staff who answer consultations and host test drives (identity seeds the accounts). */
const DEMO_ADVISORS: readonly DemoAdvisor[] = [
  {
    email: 'sales@autoyard.cn',
    displayName: '刘洋',
    dealerId: null,
    storeId: null,
    cityCode: null,
    brandIds: [],
    managerEmail: 'operator@autoyard.cn',
    availability: 'online',
  },
  {
    email: 'dealer.staff@autoyard.cn',
    displayName: '吴芳',
    dealerId: 'dlr_demo_bj_byd',
    storeId: 'sto_bj_byd_chaoyang',
    cityCode: '110100',
    brandIds: [],
    managerEmail: 'dealer.admin@autoyard.cn',
    availability: 'online',
  },
  {
    email: 'dealer.admin@autoyard.cn',
    displayName: '孙伟',
    dealerId: 'dlr_demo_bj_byd',
    storeId: 'sto_bj_byd_fengtai',
    cityCode: '110100',
    brandIds: [],
    managerEmail: null,
    availability: 'busy',
  },
  {
    email: 'dealer2.admin@autoyard.cn',
    displayName: '郑浩',
    dealerId: 'dlr_demo_sh_tesla',
    storeId: 'sto_sh_tesla_jinqiao',
    cityCode: '310100',
    brandIds: [],
    managerEmail: null,
    availability: 'online',
  },
];

/** Advisor profiles for the demo staff (re-runnable: existing profiles are kept as staff left them). */
export const seedDemoAdvisors: SeedStep = {
  name: 'leads.demo_advisors',
  async run(ctx) {
    const db = ctx.database.db;
    const emails = DEMO_ADVISORS.flatMap((a) => [a.email, ...(a.managerEmail ? [a.managerEmail] : [])]);
    const ids = await staffAccountIdsByEmail(db, emails);
    const rows: NewLeadAdvisorRow[] = [];
    for (const { email, managerEmail, ...advisor } of DEMO_ADVISORS) {
      const accountId = ids.get(email);
      if (!accountId) continue;
      rows.push({
        ...advisor,
        accountId,
        managerAccountId: managerEmail ? (ids.get(managerEmail) ?? null) : null,
        updatedAt: SEEDED_AT,
      });
    }
    if (rows.length > 0) await db.insert(leadAdvisorTable).values(rows).onConflictDoNothing();
  },
};

interface DemoLead {
  phone: string;
  name: string;
  cityCode: string;
  kind: 'consultation' | 'callback_request' | 'test_drive' | 'phone_call' | 'loan_application';
  channel: 'seo' | 'sem' | 'social' | 'direct';
  dealerId: string | null;
  storeId: string | null;
  hoursAgo: number;
  note: string;
}

/** A handful of people who left a contact in the last day, so the demo workspace has timers running. */
const DEMO_LEADS: readonly DemoLead[] = [
  {
    phone: '13811112201',
    name: '张伟',
    cityCode: '110100',
    kind: 'consultation',
    channel: 'sem',
    dealerId: 'dlr_demo_bj_byd',
    storeId: 'sto_bj_byd_chaoyang',
    hoursAgo: 23,
    note: '问汉EV冠军版的落地价',
  },
  {
    phone: '13911112202',
    name: '王静',
    cityCode: '110100',
    kind: 'callback_request',
    channel: 'social',
    dealerId: 'dlr_demo_bj_byd',
    storeId: 'sto_bj_byd_fengtai',
    hoursAgo: 3,
    note: '希望周末前回电，想了解宋PLUS DM-i',
  },
  {
    phone: '13611112203',
    name: '李娜',
    cityCode: '110100',
    kind: 'test_drive',
    channel: 'seo',
    dealerId: 'dlr_demo_bj_byd',
    storeId: 'sto_bj_byd_chaoyang',
    hoursAgo: 30,
    note: '预约周六上午试驾海豹',
  },
  {
    phone: '13711112204',
    name: '陈磊',
    cityCode: '310100',
    kind: 'consultation',
    channel: 'direct',
    dealerId: 'dlr_demo_sh_tesla',
    storeId: 'sto_sh_tesla_jinqiao',
    hoursAgo: 1,
    note: 'Model Y 长续航版提车周期',
  },
  {
    phone: '15011112205',
    name: '刘芳',
    cityCode: '440300',
    kind: 'loan_application',
    channel: 'sem',
    dealerId: null,
    storeId: null,
    hoursAgo: 5,
    note: '提交了36期贷款申请',
  },
];

/** Demo leads (dev only; never in production): created through intake, so they are routed like real ones. */
export const seedDemoLeads: SeedStep = {
  name: 'leads.demo_leads',
  async run(ctx) {
    const db = ctx.database.db;
    const [any] = await db.select({ id: leadTable.id }).from(leadTable).limit(1);
    if (any) return;
    const now = ctx.clock.now();
    for (const l of DEMO_LEADS) {
      await withTransaction(db, async (tx) => {
        await recordLeadContact(tx, {
          phone: l.phone,
          name: l.name,
          cityCode: l.cityCode,
          sourceKind: l.kind,
          source: { channel: l.channel, utmSource: null, utmMedium: null, utmCampaign: null, referrer: null },
          vehicle: {
            listingId: null,
            seriesId: null,
            trimId: null,
            brandId: null,
            dealerId: l.dealerId,
            storeId: l.storeId,
          },
          consentToContact: true,
          note: l.note,
          at: new Date(now.getTime() - l.hoursAgo * 3600_000),
        });
      });
    }
  },
};
