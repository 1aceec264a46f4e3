import type { PurchaseContractFacts } from './contracts.contract.js';

let counter = 0;

/**
 * For tests of any module: the facts of a realistic new-car order (BYD Han EV in Beijing, refundable
 * 订金, full payment), with a fresh order id and number unless overridden.
 */
export function sampleContractFacts(overrides: Partial<PurchaseContractFacts> = {}): PurchaseContractFacts {
  counter += 1;
  const n = String(counter).padStart(6, '0');
  return {
    orderId: `ord_test_${Date.now().toString(36)}_${n}`,
    orderNumber: `AY20261121-${n}`,
    buyerUserId: 'cus_test_buyer',
    dealerId: 'dlr_demo_bj_byd',
    storeId: 'sto_demo_bj_byd_chaoyang',
    buyer: { name: '张伟', phoneMasked: '138****5678', idNumberMasked: '110105********1234' },
    seller: {
      name: '北京比亚迪汽车销售服务有限公司',
      address: '北京市朝阳区东四环北路88号',
      licenceNo: '91110105MA01ABCD2X',
    },
    vehicle: {
      description: '比亚迪 汉 EV 2026款 荣耀版 605km 尊贵型',
      vin: 'LGXCE4CB8R0123456',
      exteriorColour: '汉宫红',
      kind: 'new',
      mileageKm: null,
      firstRegistration: null,
    },
    price: {
      items: [
        { label: '裸车价', amountFen: 18_980_000 },
        { label: '交强险', amountFen: 95_000 },
        { label: '上牌服务费', amountFen: 50_000 },
      ],
      totalFen: 19_125_000,
      bareFen: 18_980_000,
    },
    deposit: {
      kind: 'refundable',
      amountFen: 500_000,
      termsText: '订金5,000元，车辆交付前乙方可随时申请退还，甲方应于3个工作日内原路退回。',
    },
    paymentMethod: 'full',
    loan: null,
    deliveryPlace: '北京市朝阳区东四环北路88号 比亚迪朝阳店',
    signedCity: '北京市',
    ...overrides,
  };
}
