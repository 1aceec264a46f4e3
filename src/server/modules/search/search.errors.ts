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
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    search: typeof SearchErrors;
  }
}
