import { defineErrors } from '../../kernel/http/errors.js';

export const LeadsErrors = defineErrors({
  LEAD_NOT_FOUND: {
    status: 404,
    zh: '未找到该线索',
    en: 'Lead not found',
    when: 'no lead has that id, or it belongs to another dealer or advisor',
  },
  LEAD_PHONE_INVALID: {
    status: 400,
    zh: '请填写正确的中国大陆手机号',
    en: 'Enter a valid mainland China mobile number',
    when: 'a call was logged with a number that is not a mainland mobile',
  },
  LEAD_OTHER_DEALER: {
    status: 409,
    zh: '该客户已由其他经销商跟进',
    en: 'Another dealer is already working this customer',
    when: 'dealer staff logged a call for a phone whose lead belongs to another dealer',
  },
  LEAD_TASK_NOT_FOUND: {
    status: 404,
    zh: '未找到该跟进任务',
    en: 'Follow-up task not found',
    when: 'the lead has no task with that id',
  },
  ADVISOR_NOT_FOUND: {
    status: 404,
    zh: '未找到该销售顾问',
    en: 'Sales advisor not found',
    when: 'the staff account is not an advisor, or belongs to another dealer',
  },
  // ---- FAQ library (leads.faq.*) ----
  FAQ_NOT_FOUND: {
    status: 404,
    zh: '未找到该常见问题',
    en: 'FAQ not found',
    when: 'no FAQ has that id',
  },
  FAQ_PLACEHOLDER_UNKNOWN: {
    status: 422,
    zh: '答案中含有不支持的动态字段',
    en: 'The answer holds a placeholder the bot cannot fill',
    when: 'an FAQ answer holds a {{...}} placeholder that is not one of FAQ_PLACEHOLDERS',
  },
  FAQ_SYNONYM_EXISTS: {
    status: 409,
    zh: '该问法已存在',
    en: 'That phrasing is already on the FAQ',
    when: 'the synonym (normalised) equals the FAQ question or one of its synonyms',
  },
  // Consultations (live chat)
  CONVERSATION_NOT_FOUND: {
    status: 404,
    zh: '未找到该咨询会话',
    en: 'Conversation not found',
    when: 'no conversation has that id, or it is not yours (another buyer, visitor or dealer)',
  },
  CONVERSATION_CLOSED: {
    status: 409,
    zh: '该咨询已结束',
    en: 'This conversation has ended',
    when: 'a message, hand-off or transfer on a closed conversation',
  },
  CONVERSATION_NOT_ASSIGNED_TO_YOU: {
    status: 409,
    zh: '该咨询不在您的接待中',
    en: 'This conversation is not assigned to you',
    when: 'an advisor answers, transfers or closes a conversation another advisor has (or nobody has yet)',
  },
  CONVERSATION_IMAGE_INVALID: {
    status: 400,
    zh: '图片格式不支持或超过 5MB',
    en: 'The image must be JPEG, PNG, WebP or GIF and at most 5 MB',
    when: 'an upload is not an image of an accepted type, or too large',
  },
  CONVERSATION_IMAGE_NOT_FOUND: {
    status: 404,
    zh: '未找到该图片',
    en: 'Image not found',
    when: 'no image has that id in this conversation',
  },
  CONVERSATION_TRANSFER_TARGET_INVALID: {
    status: 409,
    zh: '无法转给该顾问（不在线、已满或不属于同一经销商）',
    en: 'The conversation cannot go to that advisor (offline, full, or of another dealer)',
    when: 'a transfer to someone who is not an online advisor with room, or of another dealer',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    leads: typeof LeadsErrors;
  }
}
