import { defineErrors } from '../../kernel/http/errors.js';

export const ListingErrors = defineErrors({
  LISTING_NOT_FOUND: {
    status: 404,
    zh: '未找到该车源',
    en: 'Listing not found',
    when: 'no listing has that id, or it belongs to another dealer than the caller’s',
  },
  LISTING_TRIM_UNKNOWN: {
    status: 422,
    zh: '车型配置 {trimId} 不存在',
    en: 'Trim {trimId} does not exist',
    when: 'a listing names a trim that is not in the model database',
  },
  LISTING_STORE_INVALID: {
    status: 422,
    zh: '门店不存在或不属于该经销商',
    en: 'The store does not exist or does not belong to the dealer',
    when: 'a listing names a store that is closed, unknown, or of another dealer',
  },
  LISTING_CITY_INVALID: {
    status: 422,
    zh: '城市代码 {cityCode} 不存在',
    en: 'City code {cityCode} does not exist',
    when: 'a listing names a city that is not in the reference data',
  },
  LISTING_DEALER_REQUIRED: {
    status: 422,
    zh: '请选择经销商',
    en: 'Choose a dealer',
    when: 'platform staff create a listing without naming its dealer',
  },
  LISTING_COLOUR_INVALID: {
    status: 422,
    zh: '颜色“{colour}”不是该车型的可选颜色',
    en: 'Colour "{colour}" is not offered for this trim',
    when: 'a new-car offer names a colour the trim does not have',
  },
  LISTING_KIND_MISMATCH: {
    status: 422,
    zh: '新车不能填写二手车信息，二手车必须填写车辆信息',
    en: 'A new-car offer has no used-car facts; a used car needs them',
    when: 'used facts are sent for a new-car offer, or missing for a used car',
  },
  VIN_INVALID: {
    status: 422,
    zh: 'VIN 码无效：{reason}',
    en: 'Invalid VIN: {reason}',
    when: 'the VIN is not 17 characters, contains I/O/Q or other characters, or its check digit is wrong',
  },
  VIN_TAKEN: {
    status: 409,
    zh: '该 VIN 码的车辆已在平台上',
    en: 'A vehicle with this VIN is already listed on the platform',
    when: 'a used car is created or edited with the VIN of another listing',
  },
  USED_FACTS_INVALID: {
    status: 422,
    zh: '车辆信息不合理：{reason}',
    en: 'The vehicle facts are not plausible: {reason}',
    when: 'first registration is in the future, or transfers are not fewer than owners',
  },
  LISTING_INCOMPLETE: {
    status: 422,
    zh: '提交审核前请补全：{missing}',
    en: 'Complete these before submitting: {missing}',
    when: 'a listing is submitted for review with mandatory fields missing',
  },
  INSPECTION_REPORT_REQUIRED: {
    status: 422,
    zh: '二手车必须先上传检测报告才能提交审核或上架',
    en: 'A used car needs an inspection report before it is submitted or listed',
    when: 'a used car without an inspection report is submitted, relisted or approved',
  },
  DISCLOSURE_INCONSISTENT: {
    status: 422,
    zh: '检测报告显示为事故车（5级或触及红线），必须披露事故历史',
    en: 'The report shows an accident car (grade 5 or a red-line hit); the accident history must be disclosed',
    when: 'a grade-5 or red-line report goes with accident/flood/fire disclosures set to false',
  },
  LISTING_HAS_BLOCKING_TERMS: {
    status: 409,
    zh: '标题或描述含有违禁广告用语，只能驳回',
    en: 'The title or description contains forbidden advertising wording; it can only be rejected',
    when: 'a reviewer approves a listing whose review flags include a block-severity term',
  },
  INSPECTION_INVALID: {
    status: 422,
    zh: '检测报告有误：{reason}',
    en: 'The inspection report is invalid: {reason}',
    when: 'a section is missing, an item is in the wrong section, or a deduction is out of range',
  },
  INSPECTION_NOT_AVAILABLE: {
    status: 404,
    zh: '该车源没有可公开的检测报告',
    en: 'This listing has no public inspection report',
    when: 'the listing is not a listed used car or has no report',
  },
  LISTING_NOT_USED: {
    status: 422,
    zh: '只有二手车可以上传检测报告',
    en: 'Only used cars have inspection reports',
    when: 'an inspection report is sent for a new-car offer',
  },
  AD_LAW_TERM_EXISTS: {
    status: 409,
    zh: '该用语已在列表中',
    en: 'This term is already on the list',
    when: 'a compliance officer adds a term that already exists',
  },
  AD_LAW_TERM_NOT_FOUND: {
    status: 404,
    zh: '未找到该用语',
    en: 'Term not found',
    when: 'the term to edit or delete is not on the list',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    listings: typeof ListingErrors;
  }
}
