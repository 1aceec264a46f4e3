import { addTranslations } from '../../shared/i18n.js';

// The storefront's site pages (namespace `legal`): about us, contact, privacy policy and user agreement.
// {{company}}, {{phone}}, {{email}} and {{address}} come from the site configuration (GET /platform/site).
// The privacy policy and the user agreement carry the versions in identity.contract.ts (LEGAL_VERSIONS):
// change the text here and bump the version there, and sign-in asks everyone for consent again.

interface Section {
  title: string;
  paragraphs: string[];
}

const zh = {
  operatorFallback: '本平台运营者',
  contactFallback: '本页“联系我们”中的方式',
  updated: '版本：{{version}}（自该日起生效）',
  back: '返回首页',
  about: {
    title: '关于我们',
    sections: [
      {
        title: 'Autoyard 是什么',
        paragraphs: [
          'Autoyard 是由{{company}}运营的汽车电商平台，汇集官方授权经销商在售的新车和二手车，帮助您在线比较、筛选，再到店看车。',
          '每辆车的价格、配置和车况由发布它的经销商提供，并经平台审核后上架；车辆的买卖合同在您与经销商之间签订。',
        ],
      },
      {
        title: '今天您可以在这里做什么',
        paragraphs: [
          '按价格、品牌、车身类型和能源类型找车，查看所在城市的在售车源。',
          '查看完整的参数配置，最多 4 辆车并排对比，高亮不同项。',
          '查看二手车的检测报告：事故、泡水、火烧排查和每一项检测发现。',
          '收藏车辆、保存浏览记录，登录后在不同设备间同步。',
          '查看门店地址、营业时间，一键致电门店。',
        ],
      },
      {
        title: '即将上线',
        paragraphs: [
          '在线询底价、透明落地价、预约试驾和送车上门正在开发中，上线后会在车辆页面直接提供，在此之前我们不做这些承诺。',
        ],
      },
    ] as Section[],
  },
  contact: {
    title: '联系我们',
    intro: '对车辆、账号或个人信息有任何问题，欢迎通过以下方式联系我们。',
    company: '运营主体',
    phone: '客服电话',
    hours: '服务时间',
    hoursValue: '每天 9:00-21:00',
    email: '电子邮箱',
    address: '联系地址',
    dealers: '经销商入驻与合作',
    dealersText: '授权经销商希望在 Autoyard 发布车源，请发送邮件并注明公司名称、品牌授权和所在城市。',
    privacy: '个人信息相关请求',
    privacyText:
      '查阅、复制、更正、删除个人信息或注销账号，请按《隐私政策》第 7 条联系我们，我们将在 15 个工作日内答复。',
    none: '联系方式暂未公布',
  },
  privacy: {
    title: '隐私政策',
    intro:
      '{{company}}（以下简称“我们”）依据《中华人民共和国个人信息保护法》等法律法规处理您的个人信息。本政策说明我们处理哪些个人信息、为什么处理、保存多久，以及您享有的权利。请在登录前仔细阅读；勾选同意后登录，即表示您同意本政策。',
    sections: [
      {
        title: '1. 我们处理哪些个人信息',
        paragraphs: [
          '手机号：用于登录和注册账号。我们以加密方式保存手机号，页面和日志中只显示打码后的号码（如 138****8000）。',
          '短信验证码：验证码只以不可逆的方式保存，5 分钟内有效。',
          '昵称和所在城市：由您自愿填写，用于称呼您和展示所在城市的车源与门店。',
          '收藏和浏览记录：登录后保存在您的账号中，便于在不同设备上查看。',
          '访问与安全日志：IP 地址、浏览器类型、访问时间和操作记录，用于保障账号安全、防止欺诈和排查故障。',
          '本地存储与 Cookie：会话 Cookie 用于保持登录状态；浏览器本地保存您选择的城市、语言、对比车辆和未登录时的收藏。我们不使用第三方广告 Cookie。',
          '我们不收集您的身份证件号码、精确位置、通讯录或生物识别信息。',
        ],
      },
      {
        title: '2. 为什么处理这些信息',
        paragraphs: [
          '为订立和履行《用户协议》所必需：登录、保存收藏和浏览记录、发送与账号有关的通知。',
          '为保障安全所必需：识别异常登录、限制验证码发送频率、防止滥用。',
          '为履行法定义务：依照法律法规留存必要的日志，配合有权机关依法调取。',
          '我们不会将您的个人信息用于本政策未说明的目的；如需用于新的目的，会再次征得您的同意。',
        ],
      },
      {
        title: '3. 保存期限',
        paragraphs: [
          '账号信息、收藏和浏览记录在您的账号存续期间保存；您删除收藏或注销账号后，我们在 15 个工作日内删除或匿名化相关信息。',
          '短信发送记录最多保存 90 天，用于防止短信滥用。',
          '安全日志依照《网络安全法》保存不少于六个月，期满后删除。',
          '法律法规另有规定的，依照其规定。',
        ],
      },
      {
        title: '4. 共享、委托处理和公开',
        paragraphs: [
          '我们委托短信服务商向您的手机号发送验证码，仅向其提供手机号和验证码内容，并以合同约束其保护义务。',
          '我们不会出售您的个人信息，不会将其提供给经销商或其他第三方用于营销。',
          '除法律法规规定或有权机关依法要求外，我们不会公开您的个人信息。',
        ],
      },
      {
        title: '5. 存储地点',
        paragraphs: ['您的个人信息存储在中华人民共和国境内，不向境外提供。'],
      },
      {
        title: '6. 安全措施',
        paragraphs: [
          '我们使用 HTTPS 加密传输，以加密方式保存手机号，按最小必要原则控制员工访问权限，并记录对个人信息的操作以备审计。',
          '如发生个人信息安全事件，我们将依法及时告知您和有关主管部门。',
        ],
      },
      {
        title: '7. 您的权利',
        paragraphs: [
          '您有权查阅、复制（导出）、更正和补充您的个人信息；昵称和所在城市可在“我的”页面直接修改。',
          '您有权删除个人信息、撤回同意或注销账号；撤回同意不影响撤回前基于同意已进行的处理。',
          '您有权要求我们对个人信息处理规则作出解释说明。',
          '行使上述权利，请联系：{{contact}}。我们将在核实您的身份后 15 个工作日内答复。',
        ],
      },
      {
        title: '8. 未成年人',
        paragraphs: ['本服务面向成年人。不满十四周岁的未成年人不应注册或使用本服务。'],
      },
      {
        title: '9. 本政策的更新',
        paragraphs: [
          '本政策更新时，我们会在本页公布新版本；涉及重要变化的，您下次登录时需要重新阅读并同意。',
        ],
      },
      {
        title: '10. 联系我们',
        paragraphs: ['个人信息处理者：{{company}}。联系方式：{{contact}}。'],
      },
    ] as Section[],
  },
  terms: {
    title: '用户协议',
    intro:
      '欢迎使用 Autoyard。本协议是您与{{company}}之间关于使用 Autoyard 汽车电商平台的约定。请在登录前仔细阅读；勾选同意后登录，即表示您接受本协议。',
    sections: [
      {
        title: '1. 账号',
        paragraphs: [
          '您使用本人的中国大陆手机号和短信验证码登录；首次登录时自动注册账号。',
          '请妥善保管手机和验证码。通过您的账号进行的操作视为您本人的操作。',
          '账号仅限本人使用，不得出借、转让或出售。',
        ],
      },
      {
        title: '2. 平台提供的服务',
        paragraphs: [
          'Autoyard 展示官方授权经销商发布的新车和二手车信息，提供筛选、参数对比、检测报告查看、收藏和浏览记录等功能。',
          '车辆的价格、配置、库存和车况由发布车辆的经销商提供，平台在上架前进行审核，但以您到店时与经销商确认的为准。',
          'Autoyard 不是车辆的卖方。您与经销商之间的购车合同、付款、交付和售后由双方依法约定和履行。',
          '在线询价、预约试驾、下单和送车上门等功能尚未提供；上线后将另行说明其规则。',
        ],
      },
      {
        title: '3. 使用规范',
        paragraphs: [
          '您应遵守法律法规，不得利用本平台发布违法信息、侵犯他人权益、干扰平台正常运行，或以自动化方式批量抓取平台数据。',
          '违反上述规范的，我们可以视情节限制或停用您的账号。',
        ],
      },
      {
        title: '4. 知识产权',
        paragraphs: [
          '平台的页面设计、软件和由平台编写的内容的知识产权归{{company}}所有；车辆图片和描述的权利归其发布者所有。未经许可，不得复制或用于商业目的。',
        ],
      },
      {
        title: '5. 责任',
        paragraphs: [
          '我们尽力保证服务稳定，但因系统维护、网络故障或不可抗力导致的中断，我们将尽快恢复并在法律允许的范围内免责。',
          '因经销商提供的信息不准确造成的争议，您可以联系我们，我们将协助您与经销商沟通处理。',
        ],
      },
      {
        title: '6. 个人信息',
        paragraphs: ['我们按照《隐私政策》处理您的个人信息。'],
      },
      {
        title: '7. 协议的变更',
        paragraphs: [
          '本协议更新时，我们会在本页公布新版本；涉及您重要权利义务的变化，您下次登录时需要重新阅读并同意。',
        ],
      },
      {
        title: '8. 法律适用与争议解决',
        paragraphs: [
          '本协议适用中华人民共和国法律（不包括港澳台地区法律）。因本协议发生的争议，双方应先协商解决；协商不成的，可向{{company}}所在地有管辖权的人民法院起诉。',
        ],
      },
      {
        title: '9. 联系我们',
        paragraphs: ['对本协议有任何疑问，请联系：{{contact}}。'],
      },
    ] as Section[],
  },
};

const en: typeof zh = {
  operatorFallback: 'the operator of this site',
  contactFallback: 'the channels listed on our Contact page',
  updated: 'Version: {{version}} (in force from that date)',
  back: 'Back to the home page',
  about: {
    title: 'About us',
    sections: [
      {
        title: 'What Autoyard is',
        paragraphs: [
          'Autoyard is a car marketplace operated by {{company}}. It brings together the new and used cars that authorised dealers have on sale, so you can compare and narrow them down online before visiting the showroom.',
          'The price, specification and condition of each car come from the dealer who lists it and are reviewed by us before the car goes online; the purchase contract is between you and the dealer.',
        ],
      },
      {
        title: 'What you can do here today',
        paragraphs: [
          'Find cars by price, brand, body type and energy, and see what is on sale in your city.',
          'Read the full specifications and compare up to 4 cars side by side, with the differences highlighted.',
          'Read the inspection report of a used car: accident, flood and fire checks and every finding.',
          'Keep favourites and a viewing history, synchronised across your devices once you sign in.',
          'See the store address and opening hours, and call the store with one tap.',
        ],
      },
      {
        title: 'Coming soon',
        paragraphs: [
          'Asking for the best price, transparent on-the-road prices, test-drive booking and home delivery are being built. They will appear on the vehicle page when they are ready; until then we do not promise them.',
        ],
      },
    ],
  },
  contact: {
    title: 'Contact us',
    intro: 'Questions about a car, your account or your personal data? Reach us here.',
    company: 'Operator',
    phone: 'Customer service',
    hours: 'Hours',
    hoursValue: 'Daily 9:00-21:00',
    email: 'Email',
    address: 'Address',
    dealers: 'Dealers',
    dealersText:
      'Authorised dealers who want to list cars on Autoyard: email us with your company name, brand authorisations and city.',
    privacy: 'Personal data requests',
    privacyText:
      'To access, copy, correct or delete your personal data or close your account, contact us as described in section 7 of the Privacy Policy; we answer within 15 working days.',
    none: 'Contact details are not published yet',
  },
  privacy: {
    title: 'Privacy Policy',
    intro:
      '{{company}} ("we") processes your personal information under the Personal Information Protection Law of the People\'s Republic of China and related regulations. This policy explains what we process, why, how long we keep it and what rights you have. Please read it before signing in; by ticking the box and signing in you accept it.',
    sections: [
      {
        title: '1. What personal information we process',
        paragraphs: [
          'Mobile number: to sign you in and create your account. It is stored encrypted; pages and logs only show a masked number (such as 138****8000).',
          'SMS codes: stored only in a non-reversible form and valid for 5 minutes.',
          'Nickname and city: given by you if you wish, to address you and show cars and stores in your city.',
          'Favourites and viewing history: kept in your account once you sign in, so you can see them on any device.',
          'Access and security logs: IP address, browser type, time and actions, to keep accounts safe, prevent fraud and fix faults.',
          'Local storage and cookies: a session cookie keeps you signed in; your browser keeps your chosen city, language, cars to compare and favourites made while signed out. We use no third-party advertising cookies.',
          'We do not collect identity card numbers, precise location, contacts or biometric data.',
        ],
      },
      {
        title: '2. Why we process it',
        paragraphs: [
          'To conclude and perform the User Agreement: signing in, keeping favourites and history, and sending notices about your account.',
          'To keep the service secure: spotting unusual sign-ins, limiting how often codes are sent and preventing abuse.',
          'To meet legal obligations: keeping the logs the law requires and answering lawful requests of the authorities.',
          'We do not use your personal information for purposes this policy does not state; for a new purpose we ask for your consent again.',
        ],
      },
      {
        title: '3. How long we keep it',
        paragraphs: [
          'Account data, favourites and history are kept while your account exists; after you delete them or close your account we delete or anonymise them within 15 working days.',
          'Records of sent text messages are kept for at most 90 days to prevent SMS abuse.',
          'Security logs are kept for at least six months, as the Cybersecurity Law requires, and then deleted.',
          'Where a law or regulation requires otherwise, we follow it.',
        ],
      },
      {
        title: '4. Sharing, processing on our behalf and disclosure',
        paragraphs: [
          'An SMS provider sends the sign-in codes on our behalf; it receives only the mobile number and the message, and is bound by contract to protect them.',
          'We do not sell your personal information and do not give it to dealers or other third parties for marketing.',
          'We disclose personal information only where the law requires it or the competent authorities lawfully request it.',
        ],
      },
      {
        title: '5. Where it is stored',
        paragraphs: ['Your personal information is stored in mainland China and is not transferred abroad.'],
      },
      {
        title: '6. How we protect it',
        paragraphs: [
          'We use HTTPS, store mobile numbers encrypted, give staff only the access they need and log operations on personal data for audit.',
          'If a personal data security incident happens, we inform you and the competent authorities as the law requires.',
        ],
      },
      {
        title: '7. Your rights',
        paragraphs: [
          'You may access, copy (export), correct and complete your personal information; your nickname and city can be changed on the Account page.',
          'You may delete your personal information, withdraw your consent or close your account; withdrawing consent does not affect processing done before.',
          'You may ask us to explain how we process your personal information.',
          'To exercise these rights, contact {{contact}}. We answer within 15 working days after verifying your identity.',
        ],
      },
      {
        title: '8. Minors',
        paragraphs: ['The service is meant for adults. Children under 14 should not register or use it.'],
      },
      {
        title: '9. Changes to this policy',
        paragraphs: [
          'When this policy changes we publish the new version here; after an important change you will be asked to read and accept it at your next sign-in.',
        ],
      },
      {
        title: '10. Contact',
        paragraphs: ['Personal information handler: {{company}}. Contact: {{contact}}.'],
      },
    ],
  },
  terms: {
    title: 'User Agreement',
    intro:
      'Welcome to Autoyard. This agreement is between you and {{company}} and governs your use of the Autoyard car marketplace. Please read it before signing in; by ticking the box and signing in you accept it.',
    sections: [
      {
        title: '1. Your account',
        paragraphs: [
          'You sign in with your own mainland China mobile number and an SMS code; your account is created at the first sign-in.',
          'Keep your phone and codes safe: what is done through your account counts as done by you.',
          'Your account is for you alone and may not be lent, transferred or sold.',
        ],
      },
      {
        title: '2. What the platform offers',
        paragraphs: [
          'Autoyard shows new and used cars listed by authorised dealers, with search, specification comparison, inspection reports, favourites and viewing history.',
          'The price, specification, stock and condition of a car come from the dealer who lists it. We review listings before they go online, but what you confirm with the dealer in the showroom prevails.',
          'Autoyard does not sell the cars. The purchase contract, payment, delivery and after-sales service are agreed and performed between you and the dealer.',
          'Price enquiries, test-drive booking, ordering and home delivery are not offered yet; their rules will be published when they are.',
        ],
      },
      {
        title: '3. Rules of use',
        paragraphs: [
          'You must obey the law and may not use the platform to publish unlawful content, infringe the rights of others, disrupt the service or scrape its data in bulk by automated means.',
          'If you break these rules we may restrict or disable your account, depending on the seriousness.',
        ],
      },
      {
        title: '4. Intellectual property',
        paragraphs: [
          'The design, software and content written by us belong to {{company}}; vehicle photos and descriptions belong to those who published them. They may not be copied or used commercially without permission.',
        ],
      },
      {
        title: '5. Liability',
        paragraphs: [
          'We work to keep the service available; interruptions caused by maintenance, network failures or force majeure are fixed as soon as possible, and we are not liable for them as far as the law allows.',
          'If information from a dealer turns out to be wrong, contact us and we will help you resolve it with the dealer.',
        ],
      },
      {
        title: '6. Personal information',
        paragraphs: ['We process your personal information as the Privacy Policy describes.'],
      },
      {
        title: '7. Changes to this agreement',
        paragraphs: [
          'When this agreement changes we publish the new version here; after a change to your important rights or obligations you will be asked to read and accept it at your next sign-in.',
        ],
      },
      {
        title: '8. Governing law and disputes',
        paragraphs: [
          "This agreement is governed by the laws of the People's Republic of China (excluding Hong Kong, Macao and Taiwan). Disputes are first settled by negotiation; failing that, either party may sue in the competent people's court where {{company}} is located.",
        ],
      },
      {
        title: '9. Contact',
        paragraphs: ['Questions about this agreement: contact {{contact}}.'],
      },
    ],
  },
};

addTranslations('legal', zh, en);
