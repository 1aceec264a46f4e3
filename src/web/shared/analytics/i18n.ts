import { addTranslations } from '../i18n.js';

// Texts of the tracking consent banner and the tracking section of the privacy page (namespace `tracking`).

const zh = {
  banner: {
    text: '我们使用第一方统计了解网站的使用情况（浏览的页面与操作，IP 地址只保留前三段），不含手机号等个人信息。',
    more: '了解详情',
    accept: '同意',
    decline: '拒绝',
    label: '统计同意',
  },
  privacy: {
    title: '网站使用统计',
    paragraphs: [
      '经您在页面底部的提示条中同意后，我们记录您浏览的页面和操作（如搜索、查看车辆、对比、收藏、咨询、预约试驾、计算价格或贷款、下单、支付、加入购物车），用于改进网站和统计各渠道的效果。您拒绝后，我们不发送任何统计数据，也不在您的浏览器中保存访客标识。',
      '我们只使用随机生成的访客标识和会话标识（保存在您的浏览器本地存储中），登录后会与您的账号关联。统计数据不包含手机号、姓名、证件号码或电子邮箱；搜索词中的长串数字会在发送前删除。',
      'IP 地址在保存前即被截断（IPv4 只保留前三段，IPv6 只保留前 48 位），用于粗略判断地区；我们同时记录设备类型（手机、平板或电脑）和来源渠道（UTM 参数与来源网站）。搜索引擎爬虫等自动程序的访问不会被记录。',
      '统计原始数据的保存期限由运营方设定（默认 730 天），到期由系统自动删除；汇总后的统计结果不含可识别个人的信息。您可随时清除浏览器的本地存储以重置您的选择。',
    ],
  },
};

const en: typeof zh = {
  banner: {
    text: 'We use first-party statistics to learn how the site is used (pages and actions; IP addresses cut to their first three parts), without phone numbers or other personal data.',
    more: 'Learn more',
    accept: 'Accept',
    decline: 'Decline',
    label: 'Statistics consent',
  },
  privacy: {
    title: 'Site usage statistics',
    paragraphs: [
      'Once you accept in the bar at the bottom of the page, we record the pages you view and your actions (searching, viewing a vehicle, comparing, saving a favourite, consulting, booking a test drive, price or loan calculations, ordering, paying, adding to the cart) to improve the site and measure our marketing channels. If you decline, no statistics are sent and no visitor id is kept in your browser.',
      'We use only random visitor and session ids (kept in your browser storage), linked to your account once you sign in. Statistics contain no phone numbers, names, ID numbers or e-mail addresses; long runs of digits are removed from search terms before they are sent.',
      'IP addresses are truncated before they are stored (IPv4 to the first three parts, IPv6 to the first 48 bits) and only give a rough region; we also record the device type (phone, tablet or computer) and the source (UTM parameters and referring site). Visits of crawlers and other automated programs are not recorded.',
      'Raw statistics are kept for the period the operator sets (730 days by default) and then deleted automatically; aggregated figures identify no one. You can reset your choice at any time by clearing your browser storage.',
    ],
  },
};

addTranslations('tracking', zh, en);
