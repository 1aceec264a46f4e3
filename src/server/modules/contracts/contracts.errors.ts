import { defineErrors } from '../../kernel/http/errors.js';

export const ContractsErrors = defineErrors({
  PURCHASE_CONTRACT_NOT_FOUND: {
    status: 404,
    zh: '未找到该购车合同',
    en: 'Purchase contract not found',
    when: "no contract has that id, or it is another buyer's or another dealer's",
  },
  CONTRACT_CHANGED: {
    status: 409,
    zh: '合同文件与您查看的版本不一致，请刷新后重新查看再签署',
    en: 'The contract document differs from the one you viewed; reload it and review it before signing',
    when: 'a signature names a document SHA-256 other than the stored PDF’s',
  },
  CONTRACT_CONSENT_MISMATCH: {
    status: 409,
    zh: '签署确认条款与合同模板不一致，请刷新后重试',
    en: 'The consent clause differs from the contract template’s; reload and try again',
    when: 'a signature quotes a consent clause other than the one of the contract’s template version',
  },
  CONTRACT_SIGNER_NOT_ALLOWED: {
    status: 403,
    zh: '您无权以该身份签署此合同',
    en: 'You may not sign this contract for that party',
    when: 'the buyer signature by someone other than the contract’s buyer, or the dealer signature by staff without the contracts.sign permission or of another dealer',
  },
  CONTRACT_ALREADY_SIGNED: {
    status: 409,
    zh: '该订单的合同已有签署记录，不能重新生成',
    en: 'The order’s contract already carries a signature and cannot be re-issued',
    when: 'a contract is issued for an order whose live contract the buyer has already signed',
  },
  CONTRACT_FACTS_INVALID: {
    status: 422,
    zh: '合同信息不完整或不一致：{reason}',
    en: 'The contract facts are incomplete or inconsistent: {reason}',
    when: 'the facts given to issue a contract fail validation (price items not adding up to the total, a loan without its terms, ...)',
  },
  CONTRACT_DEPOSIT_OVER_LIMIT: {
    status: 422,
    zh: '定金不得超过合同总价款的20%',
    en: 'A binding deposit (定金) may not exceed 20% of the contract value',
    when: 'a binding deposit above 20% of the total (Civil Code art. 586)',
  },
  CONTRACT_TEMPLATE_NOT_FOUND: {
    status: 404,
    zh: '未找到该合同模板',
    en: 'Contract template not found',
    when: 'no template version has that id (or, when issuing, the database has no template at all)',
  },
  CONTRACT_TEMPLATE_INVALID: {
    status: 422,
    zh: '合同模板有误：{reason}',
    en: 'Invalid contract template: {reason}',
    when: 'a template names a placeholder that does not exist, or lacks the deposit clause placeholder',
  },
  CONTRACT_TEMPLATE_CONFLICT: {
    status: 409,
    zh: '模板已被他人更新，请刷新后再发布',
    en: 'Someone published a newer template version; reload before publishing',
    when: 'a template is published on top of a version that is no longer the latest',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    contracts: typeof ContractsErrors;
  }
}
