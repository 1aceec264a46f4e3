import { addTranslations } from '../../shared/i18n.js';

// The console's contract templates page (合同模板): compliance reads the versions and publishes a new one.

const zh = {
  menu: '合同模板',
  title: '购车合同模板',
  subtitle:
    '新生成的购车合同使用最新版本；已生成的合同保留其生成时的版本，不受新版本影响。每次发布都是一个新版本，已发布的版本不可修改。',
  versions: '版本',
  version: '第 {{version}} 版',
  current: '当前版本',
  publishedAt: '发布时间',
  publishedBy: '发布人',
  system: '系统（迁移写入）',
  view: '查看',
  editor: '发布新版本（基于第 {{version}} 版）',
  fields: {
    title: '合同标题',
    clauses: '条款',
    heading: '条款标题',
    body: '条款内容',
    consentText: '签署确认条款（签署页原文展示，签署记录逐字保存）',
    depositBindingText: '定金条款法律效果（定金时替换 deposit.legalEffect）',
    depositRefundableText: '订金条款法律效果（订金时替换 deposit.legalEffect）',
    note: '版本说明',
  },
  addClause: '添加条款',
  removeClause: '删除',
  placeholders: '可用占位符',
  publish: '发布新版本',
  published: '已发布第 {{version}} 版',
};

const en: typeof zh = {
  menu: 'Contract templates',
  title: 'Purchase contract templates',
  subtitle:
    'New purchase contracts use the latest version; contracts already issued keep the version they were issued with. Every publish is a new version; published versions never change.',
  versions: 'Versions',
  version: 'Version {{version}}',
  current: 'Current',
  publishedAt: 'Published',
  publishedBy: 'Published by',
  system: 'System (migration)',
  view: 'View',
  editor: 'Publish a new version (based on version {{version}})',
  fields: {
    title: 'Title',
    clauses: 'Clauses',
    heading: 'Heading',
    body: 'Text',
    consentText: 'Consent clause (shown verbatim when signing, stored with each signature)',
    depositBindingText: 'Legal effect of a binding deposit, replaces deposit.legalEffect',
    depositRefundableText: 'Legal effect of a refundable deposit, replaces deposit.legalEffect',
    note: 'What changed',
  },
  addClause: 'Add clause',
  removeClause: 'Remove',
  placeholders: 'Placeholders',
  publish: 'Publish new version',
  published: 'Version {{version}} published',
};

addTranslations('consoleContracts', zh, en);
