import { defineErrors } from '../../kernel/http/errors.js';

export const SearchErrors = defineErrors({
  VEHICLE_NOT_FOUND: {
    status: 404,
    zh: '未找到该车辆',
    en: 'Vehicle not found',
    when: 'a listing id is unknown or the listing is not public (draft, in review or rejected)',
  },
  COMPARE_TRIM_NOT_FOUND: {
    status: 404,
    zh: '对比的车型不存在',
    en: 'A trim to compare does not exist',
    when: 'a trim id given to /compare is unknown',
  },
  QUERY_TERM_NOT_FOUND: {
    status: 404,
    zh: '未找到该搜索词',
    en: 'Search term not found',
    when: 'a search term id is unknown (built-in terms have no id: add a term with the same text to replace one)',
  },
  QUERY_TERM_TAKEN: {
    status: 409,
    zh: '该搜索词已设置过这一筛选，请直接修改',
    en: 'This word already sets this filter; edit that term instead',
    when: 'an operator adds a term whose text and filter another operator term already has',
  },
  QUERY_TERM_VALUE_INVALID: {
    status: 400,
    zh: '搜索词的取值与所选筛选不符',
    en: 'The value does not fit the chosen filter',
    when: 'a term value is not one of the filter’s values (a body type, energy type, seat count 2-9, segment, sort, a known city code, years or kilometres as a whole number)',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    search: typeof SearchErrors;
  }
}
