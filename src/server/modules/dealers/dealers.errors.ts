import { defineErrors } from '../../kernel/http/errors.js';

export const DealerErrors = defineErrors({
  DEALER_NOT_FOUND: {
    status: 404,
    zh: '未找到该经销商',
    en: 'Dealer not found',
    when: 'no dealer has that id, or it is outside the caller’s dealer scope',
  },
  STORE_NOT_FOUND: {
    status: 404,
    zh: '未找到该门店',
    en: 'Store not found',
    when: 'no store has that id, it is not public, or it belongs to another dealer than the caller’s',
  },
  CITY_NOT_FOUND: {
    status: 422,
    zh: '城市代码 {cityCode} 不存在',
    en: 'City code {cityCode} does not exist',
    when: 'a dealer or store names a city code that is not in the reference data',
  },
  USCC_TAKEN: {
    status: 409,
    zh: '该统一社会信用代码已被其他经销商使用',
    en: 'This unified social credit code is already used by another dealer',
    when: 'creating or updating a dealer with the USCC of another dealer',
  },
  DEALER_SUSPENDED: {
    status: 409,
    zh: '经销商已被暂停合作，暂不能修改门店信息',
    en: 'The dealer is suspended; its stores cannot be changed',
    when: 'dealer staff try to change a store while their dealer is suspended',
  },
  DEALER_SCOPE_REQUIRED: {
    status: 403,
    zh: '该操作仅限经销商员工使用',
    en: 'Only dealer staff can do this',
    when: 'a portal route is called by a staff account that belongs to no dealer',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    dealers: typeof DealerErrors;
  }
}
