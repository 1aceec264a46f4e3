import { defineErrors } from '../../kernel/http/errors.js';

export const IdentityErrors = defineErrors({
  INVALID_CREDENTIALS: {
    status: 401,
    zh: '邮箱或密码错误',
    en: 'Incorrect email or password',
    when: 'staff sign-in with an unknown email, a wrong password or a disabled account (never says which)',
  },
  ACCOUNT_LOCKED: {
    status: 423,
    zh: '登录失败次数过多，账号已暂时锁定，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; the account is locked, try again in {minutes} minutes',
    when: 'the right password is given for an account locked after repeated failures',
  },
  PASSWORD_TOO_WEAK: {
    status: 400,
    zh: '密码强度不足：{reasonZh}',
    en: 'The password is too weak: {reasonEn}',
    when: 'a new password is shorter than 12 characters, too common, the published demo password, or contains the email name',
  },
  CURRENT_PASSWORD_WRONG: {
    status: 400,
    zh: '当前密码不正确',
    en: 'The current password is incorrect',
    when: 'a signed-in staff member changes their password with a wrong current password',
  },
  TOTP_INVALID: {
    status: 400,
    zh: '动态验证码或恢复码不正确',
    en: 'The authenticator code or recovery code is incorrect',
    when: 'a TOTP code is wrong, outside the time window, already used, or a recovery code is unknown or used',
  },
  CHALLENGE_INVALID: {
    status: 400,
    zh: '验证已过期或无效，请重新登录',
    en: 'This verification has expired or is invalid; please sign in again',
    when: 'a TOTP challenge is unknown, expired, used, of the wrong kind, or out of attempts',
  },
  TOTP_ALREADY_ENABLED: {
    status: 409,
    zh: '已启用动态验证码',
    en: 'Two-factor authentication is already enabled',
    when: 'a staff member with TOTP asks to enrol again (an admin must reset it first)',
  },
  EMAIL_TAKEN: {
    status: 409,
    zh: '该邮箱已被使用',
    en: 'This email is already in use',
    when: 'a staff account is created with an email that already exists',
  },
  STAFF_NOT_FOUND: {
    status: 404,
    zh: '员工账号不存在',
    en: 'Staff account not found',
    when: 'no staff account with that id (or outside the caller’s dealer)',
  },
  STAFF_ROLES_INVALID: {
    status: 400,
    zh: '角色组合无效：{reason}',
    en: 'Invalid roles: {reason}',
    when: 'dealer roles without a dealer, dealer and platform roles mixed, platform roles with a dealer, or no role',
  },
  CANNOT_DISABLE_SELF: {
    status: 409,
    zh: '不能停用自己的账号',
    en: 'You cannot disable your own account',
    when: 'a staff member tries to disable their own account',
  },
  ROLE_LOCKOUT: {
    status: 409,
    zh: '不能移除管理员角色的“管理角色与权限”权限',
    en: 'The admin role must keep the roles.manage permission',
    when: 'an edit would remove roles.manage from the admin role and lock everyone out of role management',
  },
  CONSENT_REQUIRED: {
    status: 400,
    zh: '请先阅读并同意《用户协议》和《隐私政策》',
    en: 'Please read and accept the User Agreement and the Privacy Policy first',
    when: 'a buyer signs in or registers without accepting the current user agreement and privacy policy (details give the current versions)',
  },
  UNKNOWN_ROLE: {
    status: 404,
    zh: '角色不存在',
    en: 'No such role',
    when: 'a role name is not one of the built-in roles',
  },
});

declare module '../../kernel/http/errors.js' {
  interface ErrorCatalogs {
    identity: typeof IdentityErrors;
  }
}
