import { defineErrors } from '../../kernel/http/errors.js';

export const TestdrivesErrors = defineErrors({
  TESTDRIVE_NOT_FOUND: {
    status: 404,
    zh: '未找到该试驾预约',
    en: 'Test-drive booking not found',
    when: 'no test-drive booking has that id or number (or it belongs to another buyer or dealer)',
  },
  TESTDRIVE_STORE_NOT_OFFERED: {
    status: 409,
    zh: '该门店暂不提供试驾预约',
    en: 'This store does not take test-drive bookings',
    when: 'the store has no test-drive settings yet',
  },
  TESTDRIVE_VEHICLE_NOT_FOUND: {
    status: 404,
    zh: '未找到该试驾车',
    en: 'Test-drive vehicle not found',
    when: 'no test-drive vehicle has that id (or it belongs to another dealer)',
  },
  TESTDRIVE_PLATE_TAKEN: {
    status: 409,
    zh: '该车牌号已登记为试驾车',
    en: 'A test-drive vehicle with this plate already exists',
    when: 'a second test-drive vehicle is registered with the same plate',
  },
  TESTDRIVE_SLOT_NOT_FOUND: {
    status: 404,
    zh: '未找到该试驾时段',
    en: 'Test-drive slot not found',
    when: 'no slot has that id at the chosen store',
  },
  TESTDRIVE_SLOT_FULL: {
    status: 409,
    zh: '该时段已约满，请选择其他时段',
    en: 'This time slot is fully booked; please pick another',
    when: 'every place of the slot is taken (someone booked the last one first)',
  },
  TESTDRIVE_SLOT_PAST: {
    status: 409,
    zh: '该时段已开始或已过去',
    en: 'This time slot has already started',
    when: 'the slot starts at or before now',
  },
  TESTDRIVE_VEHICLE_UNAVAILABLE: {
    status: 409,
    zh: '该时段没有空闲的所选车型颜色的试驾车',
    en: 'No test-drive car of that model and colour is free in this slot',
    when: 'every matching test-drive car of the store is already booked at that time, or none exists',
  },
  TESTDRIVE_CUTOFF_PASSED: {
    status: 409,
    zh: '距试驾开始已不足改约/取消时限，请联系门店',
    en: 'It is too close to the test drive to change it online; please call the store',
    when: 'a buyer reschedules or cancels after the store cut-off before the start',
  },
  TESTDRIVE_CHECKIN_INVALID: {
    status: 409,
    zh: '签到码无效',
    en: 'Invalid check-in code',
    when: 'the check-in token is malformed, forged or for another store',
  },
  TESTDRIVE_LICENCE_INVALID: {
    status: 400,
    zh: '驾驶证号格式不正确',
    en: 'The driving licence number is not valid',
    when: 'the licence number is not an 18-character ID number with a correct check character',
  },
  TESTDRIVE_LICENCE_EXPIRED: {
    status: 409,
    zh: '驾驶证已过期，不能试驾',
    en: 'The driving licence has expired',
    when: 'the licence expiry date is before the test-drive day',
  },
  TESTDRIVE_FEEDBACK_CLOSED: {
    status: 409,
    zh: '该试驾尚未完成或已评价',
    en: 'Feedback is only taken once, after a completed test drive',
    when: 'feedback is sent for a booking not completed, or a second time',
  },
  TESTDRIVE_RANGE_INVALID: {
    status: 400,
    zh: '日期范围无效',
    en: 'Invalid date range',
    when: 'the date range is reversed or longer than 62 days',
  },
  TESTDRIVE_TEMPLATE_OUTSIDE_HOURS: {
    status: 400,
    zh: '试驾时段须在门店营业时间内',
    en: 'Test-drive windows must lie within the store opening hours',
    when: 'a weekly window starts before opening or ends after closing on its weekday',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    testdrives: typeof TestdrivesErrors;
  }
}
