import type { FaqCategory } from './leads.faq.enums.js';

// The FAQs the platform ships: content, not demo data, so they are loaded in every environment
// (production too), once per stable key; operators edit or archive them in the console afterwards.

export interface ShippedFaq {
  readonly key: string;
  readonly category: FaqCategory;
  readonly question: string;
  readonly synonyms: readonly string[];
  readonly answer: string;
}

export const SHIPPED_FAQS: readonly ShippedFaq[] = [
  // ---- prices and discounts ----
  {
    key: 'price.guide_vs_landed',
    category: 'prices_discounts',
    question: '这款车多少钱？落地价是多少？',
    synonyms: ['落地价包含哪些费用', '全款落地要多少钱', '车价加上税费一共多少'],
    answer:
      '{{trim.name}}的厂商指导价为{{trim.price}}，按您所在城市估算的落地价约为{{trim.landedPrice}}（含购置税、上牌费和首年保险）。实际价格以门店报价单为准。',
  },
  {
    key: 'price.discount_now',
    category: 'prices_discounts',
    question: '现在买车有什么优惠活动？',
    synonyms: ['最近有没有优惠', '能便宜多少', '现金优惠有多少', '店里有什么促销'],
    answer:
      '车辆页面上显示的价格已包含当前的厂家和门店优惠；限时活动（如置换补贴、金融贴息、赠送保养）会在车辆页面的“优惠”一栏列出，以下单时页面显示为准。',
  },
  {
    key: 'price.bargain',
    category: 'prices_discounts',
    question: '网上的价格还能再砍价吗？',
    synonyms: ['价格还能谈吗', '可以议价吗', '到店还能便宜吗'],
    answer:
      '平台展示的是门店的一口价，到店无需反复议价。如您有置换、贷款等需求，可能叠加相应补贴，销售顾问会在报价单中逐项列明。',
  },
  {
    key: 'price.price_protection',
    category: 'prices_discounts',
    question: '下单后降价了怎么办，有保价吗？',
    synonyms: ['买完就降价能补差价吗', '价格保护', '订了车又降价了'],
    answer:
      '参加“保价”活动的车型，自下单起 30 天内如同款车型在本平台降价，差价将以退款方式返还。车辆页面带“保价”标识的车型适用。',
  },
  {
    key: 'price.nev_subsidy',
    category: 'prices_discounts',
    question: '新能源车有国家补贴吗？',
    synonyms: ['以旧换新补贴怎么领', '国补能拿多少钱', '地方补贴有哪些'],
    answer:
      '符合条件的新能源车可享受购置税减免；报废或置换旧车购买新车时，还可申请国家以旧换新补贴及部分城市的地方补贴。补贴金额和申领条件以当地商务部门公布为准，销售顾问可协助您准备材料。',
  },
  {
    key: 'price.purchase_tax',
    category: 'prices_discounts',
    question: '购置税怎么算？',
    synonyms: ['买车要交多少税', '新能源免购置税吗', '购置税是多少'],
    answer:
      '燃油车购置税为不含增值税车价的 10%（车价 ÷ 1.13 × 10%）。列入免征目录的新能源车在政策期内减免购置税（2026—2027 年减半征收，每辆减税额不超过 1.5 万元）。落地价计算已包含购置税。',
  },
  {
    key: 'price.landed_items',
    category: 'prices_discounts',
    question: '除了车价还要交哪些费用？',
    synonyms: ['上牌费多少', '还有什么额外收费', '会不会乱收费'],
    answer:
      '落地费用通常包括：购置税、车辆保险（交强险和商业险）、上牌服务费。平台不收取其他强制费用，所有费用会在报价单中逐项列明，可拒绝任何非必要的加装或服务。',
  },
  // ---- loans ----
  {
    key: 'loan.down_payment',
    category: 'loans',
    question: '贷款买车首付最低多少？',
    synonyms: ['首付几成', '零首付可以吗', '首付比例是多少'],
    answer:
      '新车贷款首付最低为车价的 15%（新能源车）或 20%（燃油车），二手车最低 30%，具体以金融机构审批为准。您可以在车辆页面的“金融方案”里选择首付比例和期数查看月供。',
  },
  {
    key: 'loan.monthly_payment',
    category: 'loans',
    question: '分期的话每个月要还多少？',
    synonyms: ['月供多少钱', '分三年每月还多少', '分期付款怎么算'],
    answer:
      '月供取决于车价、首付比例、期数（12—60 期）和利率。在车辆页面打开“金融方案”，选好首付和期数即可看到每月还款额和总利息。',
  },
  {
    key: 'loan.interest_rate',
    category: 'loans',
    question: '车贷利息是多少？有免息吗？',
    synonyms: ['贷款年化利率多少', '有没有0利率', '贴息活动'],
    answer:
      '合作银行和汽车金融公司的年化利率一般在 2.5%—6% 之间，部分车型有厂家贴息（低息或 0 息）方案，页面“金融方案”会标注。所有方案均明示年化利率（APR），无隐藏手续费。',
  },
  {
    key: 'loan.documents',
    category: 'loans',
    question: '办车贷需要准备什么材料？',
    synonyms: ['贷款要什么资料', '申请车贷要哪些证件', '要收入证明吗'],
    answer:
      '一般需要：本人身份证、驾驶证、银行卡，以及收入证明或近 6 个月银行流水；已婚客户可能需要配偶身份证。线上提交后通常 1 个工作日内出审批结果。',
  },
  {
    key: 'loan.credit',
    category: 'loans',
    question: '征信不好能贷款买车吗？',
    synonyms: ['有逾期记录能办贷款吗', '信用卡逾期过影响车贷吗', '征信花了能批吗'],
    answer:
      '审批由金融机构根据征信和收入综合评估。轻微逾期且已结清的，通常仍可申请，可能需要提高首付；当前有逾期的建议先结清再申请。提交申请不会收取任何费用。',
  },
  {
    key: 'loan.early_repayment',
    category: 'loans',
    question: '车贷可以提前还款吗？有违约金吗？',
    synonyms: ['提前还清要手续费吗', '能不能一次性还完', '提前结清贷款'],
    answer:
      '可以提前还款。是否收取违约金取决于所选金融方案：多数银行方案还款满 12 期后免违约金，厂家贴息方案可能收取剩余本金 1%—3% 的手续费，合同中有明确约定。',
  },
  {
    key: 'loan.approval_time',
    category: 'loans',
    question: '贷款审批要多久？',
    synonyms: ['多久能批下来', '贷款几天放款', '审核时间多长'],
    answer:
      '线上提交资料后，金融机构通常在 1 个工作日内给出审批结果；审批通过并签署合同后，放款一般在 1—3 个工作日内完成，不影响正常提车排期。',
  },
  // ---- delivery ----
  {
    key: 'delivery.wait_time',
    category: 'delivery',
    question: '下单后多久能提车？',
    synonyms: ['要等多久才能拿到车', '提车周期多长', '几天能交车'],
    answer:
      '有现车的车型，付清尾款后一般 3—7 天可以交车；需要向厂家订车的车型通常需要 2—8 周。车辆页面会标注“现车”或预计交付周期，下单后可在“我的订单”中查看最新进度。',
  },
  {
    key: 'delivery.in_stock',
    category: 'delivery',
    question: '这台车有现车吗？',
    synonyms: ['店里有没有现货', '有库存吗', '现车还是要订'],
    answer:
      '车辆页面带“现车”标识的为门店现有库存，可尽快安排交车；没有该标识的需要订车。也可以直接问销售顾问查询指定颜色和配置的库存。',
  },
  {
    key: 'delivery.home_delivery',
    category: 'delivery',
    question: '可以送车上门吗？',
    synonyms: ['外地能发车吗', '能不能送到家', '异地提车怎么办'],
    answer:
      '支持。同城可预约送车上门；异地可选择板车运输，运费按距离计算并在下单时显示。也可以到门店提车，现场由交付专员讲解车辆功能。',
  },
  {
    key: 'delivery.inspection_at_handover',
    category: 'delivery',
    question: '提车的时候要检查什么？',
    synonyms: ['验车注意事项', '交车时怎么验车', '提车检查哪些项目'],
    answer:
      '交车前门店会完成 PDI 检测。提车时建议核对车架号与合同一致、检查外观漆面和玻璃、查看里程数（新车一般不超过 50 公里）、试用灯光空调和车机，并确认随车工具、合格证和发票齐全。',
  },
  {
    key: 'delivery.plate_registration',
    category: 'delivery',
    question: '上牌谁来办？要多久？',
    synonyms: ['可以代办上牌吗', '临牌怎么办', '上牌流程'],
    answer:
      '门店可代办上牌（收取明示的上牌服务费），也可自行办理。代办一般在交车后 3—7 个工作日内完成；上牌前门店可协助办理临时号牌。',
  },
  {
    key: 'delivery.delay',
    category: 'delivery',
    question: '交车延期了怎么办？',
    synonyms: ['说好的时间还没到车', '提车推迟了', '超过约定时间没交车'],
    answer:
      '如交付时间变化，系统会通过短信和站内信通知您新的预计时间。超过合同约定交车日仍未交车的，您可以选择继续等待或申请全额退还定金，具体以订单合同条款为准。',
  },
  // ---- test drives ----
  {
    key: 'testdrive.how_to_book',
    category: 'test_drives',
    question: '怎么预约试驾？',
    synonyms: ['我想试驾一下', '在哪里预约试驾', '可以试驾吗', '预约试乘试驾'],
    answer:
      '在车辆页面或车系页面点击“预约试驾”，选择车型、门店、日期和时间段，留下姓名和手机号即可，预约成功后会收到短信确认。{{testdrive.nextSlots}}',
  },
  {
    key: 'testdrive.cost',
    category: 'test_drives',
    question: '试驾要收费吗？',
    synonyms: ['试驾免费吗', '试驾需要交押金吗', '试驾要钱吗'],
    answer: '试驾完全免费，不需要押金，试驾后也没有购买义务。',
  },
  {
    key: 'testdrive.documents',
    category: 'test_drives',
    question: '试驾需要带什么证件？',
    synonyms: ['没带驾照能试驾吗', '试驾要驾驶证吗', '驾龄不够能试驾吗'],
    answer:
      '请携带本人有效的机动车驾驶证原件，门店会在试驾前核验并登记。没有驾照的可以试乘（由顾问驾驶），实习期驾驶员是否可以试驾以门店规定为准。',
  },
  {
    key: 'testdrive.reschedule',
    category: 'test_drives',
    question: '预约的试驾可以改时间或者取消吗？',
    synonyms: ['试驾时间改一下', '临时有事去不了试驾', '取消试驾预约'],
    answer:
      '可以。在“我的试驾”中，预约时间前 2 小时以前可自行改期或取消；临近时间请直接联系门店。改期后会重新发送确认短信。',
  },
  {
    key: 'testdrive.duration',
    category: 'test_drives',
    question: '试驾一次能开多久？',
    synonyms: ['试驾时长多少', '试驾路线多长', '能开上高速吗'],
    answer:
      '每次试驾约 30 分钟（含讲解），路线由门店规划，通常包括市区道路和一段快速路，可以体验加速、刹车和辅助驾驶功能。',
  },
  {
    key: 'testdrive.store_hours',
    category: 'test_drives',
    question: '门店几点营业？在哪里？',
    synonyms: ['4s店地址在哪', '门店营业时间', '周末开门吗', '门店电话多少'],
    answer: '{{store.name}}营业时间：{{store.hours}}。地址：{{store.address}}。联系电话：{{store.phone}}。',
  },
  {
    key: 'testdrive.home_test_drive',
    category: 'test_drives',
    question: '可以上门试驾吗？',
    synonyms: ['能把车开到我家试驾吗', '送车上门试驾', '不想去店里试驾'],
    answer:
      '部分城市和车型提供上门试驾服务，可在预约试驾时选择“上门试驾”；如无此选项，说明该门店暂不支持，可改约到店试驾。',
  },
  // ---- used-car inspection ----
  {
    key: 'used.inspection_items',
    category: 'used_car_inspection',
    question: '二手车检测都查哪些项目？',
    synonyms: ['检测报告包括什么', '二手车怎么检测的', '检查多少项'],
    answer:
      '平台上架的二手车都经过认证检测师的全车检测，覆盖外观漆面、车身骨架、发动机舱、底盘、内饰、电器设备和路试等项目，检测报告附照片，可在车辆页面查看。',
  },
  {
    key: 'used.accident',
    category: 'used_car_inspection',
    question: '会不会买到事故车、泡水车？',
    synonyms: ['是不是事故车', '有没有泡过水', '火烧车怎么排查'],
    answer:
      '检测会重点排查重大事故、泡水和火烧痕迹。检测报告认定无重大事故、无泡水、无火烧的车辆，如交车后经第三方机构证实存在上述情况，平台按合同约定全额退车。',
  },
  {
    key: 'used.mileage',
    category: 'used_car_inspection',
    question: '二手车的公里数是真的吗？会不会调表？',
    synonyms: ['里程数准不准', '表显里程可信吗', '有没有改过公里数'],
    answer:
      '检测时会结合保养记录、车机数据和磨损情况核对里程。报告中的表显里程如被证实被篡改，平台承担退车责任。',
  },
  {
    key: 'used.third_party',
    category: 'used_car_inspection',
    question: '我可以自己找第三方检测吗？',
    synonyms: ['能带人去验车吗', '自己找人检查可以吗', '第三方验车'],
    answer:
      '可以。预约看车时告知销售顾问，您可以带第三方检测机构或懂车的朋友到店检查，平台提供举升机等条件。',
  },
  {
    key: 'used.warranty',
    category: 'used_car_inspection',
    question: '二手车有质保吗？',
    synonyms: ['二手车保修多久', '买了二手车坏了管不管', '二手车售后保障'],
    answer:
      '平台认证二手车享受 1 年或 2 万公里（先到为准）的发动机和变速箱核心部件质保，部分车辆还保留原厂质保，具体见车辆页面的质保说明。',
  },
  {
    key: 'used.transfer',
    category: 'used_car_inspection',
    question: '二手车过户怎么办理？',
    synonyms: ['过户手续要多久', '能迁到外地吗', '过户要本人去吗'],
    answer:
      '门店可代办过户，一般 3—5 个工作日完成；跨城市迁入需符合当地排放标准，销售顾问会先帮您确认。过户需要买方本人身份证（或委托书）。',
  },
  {
    key: 'used.history',
    category: 'used_car_inspection',
    question: '能查到二手车的保养和出险记录吗？',
    synonyms: ['维保记录能看吗', '出过险吗', '几手车'],
    answer:
      '车辆页面的检测报告会注明过户次数；保养记录和出险记录可向销售顾问申请查询报告，查询结果如实提供。',
  },
  // ---- warranty and 三包 ----
  {
    key: 'warranty.period',
    category: 'warranty',
    question: '新车质保几年？',
    synonyms: ['保修期多长', '整车质保多久', '质保多少公里'],
    answer:
      '新车整车质保一般为 3 年或 10 万公里（先到为准），部分品牌提供更长质保；新能源车的电池、电机、电控通常另有 8 年或 15 万公里以上的质保，以品牌质保手册为准。',
  },
  {
    key: 'warranty.three_guarantees',
    category: 'warranty',
    question: '三包政策是什么？',
    synonyms: ['汽车三包怎么规定的', '三包有效期多久', '什么情况可以三包'],
    answer:
      '根据《家用汽车产品修理更换退货责任规定》，三包有效期不低于 2 年或 5 万公里；自交车起 60 日或 3000 公里内，发动机、变速器、动力蓄电池、行驶驱动电机等主要部件出现质量问题的，可选择换车或退车。',
  },
  {
    key: 'warranty.return_car',
    category: 'warranty',
    question: '新车有问题可以退换吗？',
    synonyms: ['刚买的车出故障能换车吗', '退车条件', '质量问题能退吗'],
    answer:
      '符合三包条件的可以换车或退车：例如 60 日或 3000 公里内主要部件出现质量问题，或三包期内同一严重安全性能故障累计修理 2 次仍未排除等。请保留维修记录，联系售后或销售顾问协助处理。',
  },
  {
    key: 'warranty.battery',
    category: 'warranty',
    question: '电动车电池质保多久？',
    synonyms: ['三电质保', '电池坏了保修吗', '电池衰减能换吗'],
    answer:
      '新能源车的动力电池、电机、电控（三电）一般享受 8 年或 15 万公里质保，部分品牌首任车主终身质保；质保期内电池容量衰减超过约定比例（通常为 30%）可免费维修或更换。',
  },
  {
    key: 'warranty.extended',
    category: 'warranty',
    question: '有延保服务吗？值得买吗？',
    synonyms: ['延长保修怎么买', '延保多少钱', '延保包括什么'],
    answer:
      '提供原厂延保，可在购车时或原厂质保到期前购买，常见为延长 1—3 年，覆盖发动机、变速箱、电气等部件。是否购买自愿，报价单中单独列出。',
  },
  {
    key: 'warranty.modification',
    category: 'warranty',
    question: '改装或者加装会影响保修吗？',
    synonyms: ['贴膜影响质保吗', '换轮毂还保修吗', '加装东西会不会不保'],
    answer:
      '贴膜、脚垫等不影响车辆结构和电路的加装不影响保修；改动电路、动力系统或底盘的改装，相关部件及因此导致的故障可能不再保修。加装前可先咨询售后。',
  },
  {
    key: 'warranty.first_service',
    category: 'warranty',
    question: '首保是什么时候？免费吗？',
    synonyms: ['第一次保养多少公里', '免费保养几次', '保养周期'],
    answer:
      '首次保养一般在 5000 公里或 6 个月（先到为准），多数品牌首保免费；之后每 1 万公里或 1 年保养一次。新能源车保养项目更少，费用更低，以品牌保养手册为准。',
  },
  // ---- trade-in ----
  {
    key: 'tradein.how',
    category: 'trade_in',
    question: '旧车可以置换新车吗？',
    synonyms: ['以旧换新怎么办理', '老车能抵车款吗', '卖旧买新'],
    answer:
      '可以。在车辆页面或“我要卖车”提交旧车信息，线上获得估价，到店检测确认价格后，旧车款直接抵扣新车车款，并可叠加置换补贴。',
  },
  {
    key: 'tradein.valuation',
    category: 'trade_in',
    question: '我的旧车能值多少钱？',
    synonyms: ['旧车估价', '二手车评估价格', '老车卖多少钱合适'],
    answer:
      '在“置换估价”中填写品牌车型、上牌时间、里程和城市，即可得到参考价区间；最终价格以到店检测为准，检测免费且不强制成交。',
  },
  {
    key: 'tradein.loan_not_paid',
    category: 'trade_in',
    question: '旧车贷款还没还完能置换吗？',
    synonyms: ['车还在按揭能卖吗', '抵押中的车能置换吗', '贷款没结清'],
    answer: '可以。门店可协助先结清旧车贷款并办理解押，结清金额从旧车收购款中扣除，差额多退少补。',
  },
  {
    key: 'tradein.other_brand',
    category: 'trade_in',
    question: '不同品牌的车也能置换吗？',
    synonyms: ['别的牌子能换吗', '置换必须同品牌吗', '跨品牌置换'],
    answer: '可以，旧车不限品牌。同品牌置换可能享受更高的厂家置换补贴，具体以车辆页面活动为准。',
  },
  {
    key: 'tradein.documents',
    category: 'trade_in',
    question: '卖旧车需要带什么？',
    synonyms: ['置换要准备什么资料', '卖车要哪些证件', '旧车过户材料'],
    answer:
      '请带上车主身份证、机动车登记证书（绿本）、行驶证、车辆钥匙，以及有效的交强险保单；车主本人不能到场的需要委托书。',
  },
  {
    key: 'tradein.subsidy',
    category: 'trade_in',
    question: '置换补贴有多少？',
    synonyms: ['置换能补贴多少钱', '以旧换新补多少', '报废补贴'],
    answer:
      '置换补贴由厂家、门店和政府补贴组成：厂家/门店置换补贴一般为 3000—10000 元，国家以旧换新补贴按报废或置换分别适用，金额以当地公布为准。车辆页面会列出当前可享受的补贴。',
  },
  // ---- NEV charging ----
  {
    key: 'nev.home_charger',
    category: 'nev_charging',
    question: '买电车送家用充电桩吗？',
    synonyms: ['送不送充电桩', '家充桩怎么申请', '充电桩免费安装吗'],
    answer:
      '多数新能源品牌随车赠送家用充电桩及基础安装服务（一般含 30 米线缆），以车辆页面权益说明为准。需要有固定车位，并取得物业同意和电力报装。',
  },
  {
    key: 'nev.no_parking',
    category: 'nev_charging',
    question: '没有固定车位能买电动车吗？',
    synonyms: ['装不了充电桩怎么办', '小区不让装桩', '没有车位怎么充电'],
    answer:
      '可以。可以使用公共快充站或品牌超充站，也可选择支持换电的车型；不能安装家充桩的，部分品牌可将充电桩权益换成充电卡或充电额度。',
  },
  {
    key: 'nev.charging_time',
    category: 'nev_charging',
    question: '充满电要多长时间？',
    synonyms: ['快充多久能充满', '慢充要几个小时', '充电速度快吗'],
    answer:
      '快充从 30% 充到 80% 一般需要 20—40 分钟；家用 7kW 慢充充满通常需要 6—10 小时。具体取决于车型电池容量和充电桩功率，车辆页面的参数中列出了充电时间。',
  },
  {
    key: 'nev.range_winter',
    category: 'nev_charging',
    question: '冬天续航会打折吗？',
    synonyms: ['冬天掉电厉害吗', '北方冬天电车能开吗', '低温续航'],
    answer:
      '低温下电池活性下降，加上空调制热，续航一般会比标称值减少 20%—40%。带热泵空调和电池预加热的车型衰减更少，建议出行前预热电池并尽量使用家充。',
  },
  {
    key: 'nev.range_real',
    category: 'nev_charging',
    question: '标的续航能跑到吗？',
    synonyms: ['实际续航多少', 'CLTC续航准吗', '一次充满能跑多远'],
    answer:
      '页面标注的是 CLTC 工况续航，日常城市通勤一般能达到标称值的 80%—90%，高速行驶（120 公里/小时）约为 65%—75%。',
  },
  {
    key: 'nev.charging_cost',
    category: 'nev_charging',
    question: '电车充电一次要花多少钱？',
    synonyms: ['用电成本多少', '充电费贵吗', '一公里几毛钱'],
    answer:
      '家用充电按居民电价约 0.5—0.6 元/度，公共快充约 1—1.8 元/度（含服务费）。百公里电耗约 12—18 度，即每公里约 0.1—0.3 元，远低于燃油车。',
  },
  {
    key: 'nev.battery_swap',
    category: 'nev_charging',
    question: '哪些车可以换电？',
    synonyms: ['换电站在哪', '换电要多久', '换电车型'],
    answer:
      '部分品牌（如蔚来）支持换电，换电一次约 3—5 分钟。是否支持换电以车辆页面参数为准，可咨询销售顾问所在城市的换电站分布。',
  },
  {
    key: 'nev.phev_vs_bev',
    category: 'nev_charging',
    question: '插混和纯电哪个好？',
    synonyms: ['选增程还是纯电', '插电混动好不好', '没法充电买插混行吗'],
    answer:
      '纯电适合有稳定充电条件、以城市通勤为主的用户，使用成本最低；插混和增程车型既能充电也能加油，适合经常跑长途或充电不便的用户。两者在多数城市都享受新能源牌照政策。',
  },
  // ---- orders and payment ----
  {
    key: 'order.deposit_refund',
    category: 'orders_payment',
    question: '定金可以退吗？',
    synonyms: ['交了订金不想要了', '定金退不退', '意向金能退吗'],
    answer:
      '平台的“订金”在车辆分配前可以全额退还；车辆锁定（已分配车架号）后取消订单的，按订单合同约定处理。“定金”适用定金罚则，下单页面会明确标注是哪一种。',
  },
  {
    key: 'order.payment_methods',
    category: 'orders_payment',
    question: '支持哪些付款方式？',
    synonyms: ['可以用微信支付吗', '能刷信用卡吗', '支付宝付款可以吗'],
    answer:
      '订金和尾款支持微信支付、支付宝和银行转账；大额尾款建议使用银行转账或到店刷卡（借记卡）。平台不会要求您向个人账户转账。',
  },
  {
    key: 'order.invoice',
    category: 'orders_payment',
    question: '买车发票怎么开？',
    synonyms: ['机动车销售统一发票', '能开公司发票吗', '发票抬头'],
    answer:
      '交车时门店开具机动车销售统一发票，个人购车抬头为车主姓名，公司购车需提供公司名称和税号。发票是上牌和缴纳购置税的必备材料。',
  },
  {
    key: 'order.contract',
    category: 'orders_payment',
    question: '下单后有购车合同吗？',
    synonyms: ['合同在哪里看', '电子合同', '签合同'],
    answer:
      '下单后系统会生成电子购车合同，列明车型配置、价格、交车时间和违约责任，您可以在“我的订单”中随时查看和下载。',
  },
  {
    key: 'order.cancel',
    category: 'orders_payment',
    question: '订单怎么取消？',
    synonyms: ['不想买了怎么退订', '取消订单', '撤销订单'],
    answer:
      '在“我的订单”中选择订单并点击“取消订单”。未付款的订单可直接取消；已付订金的，按订金退还规则处理，退款原路返回，一般 1—7 个工作日到账。',
  },
  {
    key: 'order.refund_time',
    category: 'orders_payment',
    question: '退款多久到账？',
    synonyms: ['钱什么时候退回来', '退款进度', '退款没收到'],
    answer:
      '退款原路退回：微信和支付宝一般 1—3 个工作日，银行卡 3—7 个工作日。可在“我的订单”中查看退款进度。',
  },
  // ---- after-sales ----
  {
    key: 'after.service_booking',
    category: 'after_sales',
    question: '保养维修怎么预约？',
    synonyms: ['预约保养', '车坏了去哪修', '售后服务电话'],
    answer:
      '可以通过门店电话或 App 预约保养维修，到店后有专属服务顾问接待；提前预约可减少等待时间。{{store.name}}电话：{{store.phone}}。',
  },
  {
    key: 'after.complaint',
    category: 'after_sales',
    question: '对服务不满意怎么投诉？',
    synonyms: ['我要投诉', '投诉电话是多少', '服务态度差'],
    answer:
      '很抱歉给您带来不好的体验。您可以在此留言说明情况，或选择“转人工”，客服专员会在 24 小时内联系您处理。',
  },
  {
    key: 'after.accessories',
    category: 'after_sales',
    question: '原厂配件在哪里买？',
    synonyms: ['买脚垫', '精品配件', '车载用品'],
    answer: '平台“配件商城”提供原厂及认证配件，按车系筛选即可看到适配您车型的配件，支持到店安装或快递到家。',
  },
  {
    key: 'after.recall',
    category: 'after_sales',
    question: '我的车在召回范围内吗？',
    synonyms: ['召回怎么查', '车辆召回通知', '召回要收费吗'],
    answer:
      '召回信息以国家市场监督管理总局缺陷产品管理中心公布为准，召回维修免费。门店会通过短信通知在召回范围内的车主，您也可以提供车架号请顾问查询。',
  },
];
