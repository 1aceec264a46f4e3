import { addTranslations } from '../i18n.js';

// The contract panel (购车合同) shown on order pages to the buyer and to staff.

const zh = {
  title: '购车合同',
  status: {
    awaiting_buyer: '待买方签署',
    awaiting_dealer: '待经销商签署',
    signed: '已签署',
    voided: '已作废',
  },
  number: '合同编号',
  vehicle: '车辆',
  total: '合同总价',
  template: '合同模板',
  templateVersion: '第 {{version}} 版',
  hash: '文件 SHA-256',
  issuedAt: '生成时间',
  signatures: '签署记录',
  noSignatures: '尚无签署',
  party: { buyer: '买受人', dealer: '出卖人' },
  signedBy: '{{party}} {{name}} 于 {{time}} 签署',
  download: '下载合同 PDF',
  preview: '合同预览',
  previewFallback: '浏览器无法预览 PDF，请下载后查看。',
  consentLabel: '我已阅读并同意：',
  sign: '确认签署',
  signed: '签署成功',
  waitBuyer: '等待买方先签署合同。',
  waitDealer: '您已签署，等待经销商签署。',
  changed: '合同文件已更新，请重新查看后再签署。',
};

const en: typeof zh = {
  title: 'Purchase contract',
  status: {
    awaiting_buyer: 'Awaiting buyer',
    awaiting_dealer: 'Awaiting dealer',
    signed: 'Signed',
    voided: 'Voided',
  },
  number: 'Contract no.',
  vehicle: 'Vehicle',
  total: 'Contract total',
  template: 'Template',
  templateVersion: 'Version {{version}}',
  hash: 'Document SHA-256',
  issuedAt: 'Issued',
  signatures: 'Signatures',
  noSignatures: 'No signatures yet',
  party: { buyer: 'Buyer', dealer: 'Seller' },
  signedBy: '{{party}} {{name}} signed at {{time}}',
  download: 'Download PDF',
  preview: 'Preview',
  previewFallback: 'Your browser cannot show the PDF here; download it instead.',
  consentLabel: 'I have read and agree:',
  sign: 'Sign',
  signed: 'Signed',
  waitBuyer: 'The buyer signs first.',
  waitDealer: 'You have signed; the dealer signs next.',
  changed: 'The contract document has changed; review it again before signing.',
};

addTranslations('contracts', zh, en);
