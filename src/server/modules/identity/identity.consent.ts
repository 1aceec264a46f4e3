import type { DbHandle } from '../../kernel/db/client.js';
import { AppError } from '../../kernel/http/errors.js';
import { LEGAL_VERSIONS, type TLegalConsent } from './identity.contract.js';
import { findLegalConsent, upsertLegalConsent } from './identity.repository.js';
import type { LegalConsentRow } from './identity.schema.js';

// Consent to the user agreement (用户协议) and the privacy policy (隐私政策), which PIPL asks for before
// personal data is processed: sign-in carries the versions the person ticked the box for, the service
// refuses anything else, and the account keeps the latest versions it accepted and when.

/** The consent a sign-in form sends for the texts in force today (tests and scripts use it too). */
export const CURRENT_CONSENT: TLegalConsent = {
  termsVersion: LEGAL_VERSIONS.terms,
  privacyVersion: LEGAL_VERSIONS.privacy,
};

/**
 * Throws CONSENT_REQUIRED (400, with the current versions) unless `consent` accepts the texts in force.
 * Call it before anything else of a sign-in happens (no code is used up, no account created).
 */
export function requireLegalConsent(consent: TLegalConsent | undefined | null): TLegalConsent {
  if (
    !consent ||
    consent.termsVersion !== LEGAL_VERSIONS.terms ||
    consent.privacyVersion !== LEGAL_VERSIONS.privacy
  ) {
    throw new AppError('CONSENT_REQUIRED', {
      termsVersion: LEGAL_VERSIONS.terms,
      privacyVersion: LEGAL_VERSIONS.privacy,
    });
  }
  return { termsVersion: consent.termsVersion, privacyVersion: consent.privacyVersion };
}

/** Stores the consent with the account (in the caller's transaction): a new account's first, or a newer one. */
export async function recordLegalConsent(
  db: DbHandle,
  input: {
    subjectKind: LegalConsentRow['subjectKind'];
    subjectId: string;
    consent: TLegalConsent;
    at: Date;
    ip: string | null;
  },
): Promise<void> {
  await upsertLegalConsent(db, {
    subjectKind: input.subjectKind,
    subjectId: input.subjectId,
    termsVersion: input.consent.termsVersion,
    privacyVersion: input.consent.privacyVersion,
    acceptedAt: input.at,
    ip: input.ip,
  });
}

/** What an account last accepted (null: never). */
export async function legalConsentOf(
  db: DbHandle,
  subjectKind: LegalConsentRow['subjectKind'],
  subjectId: string,
): Promise<{ termsVersion: string; privacyVersion: string; acceptedAt: Date; firstAcceptedAt: Date } | null> {
  const row = await findLegalConsent(db, subjectKind, subjectId);
  return row
    ? {
        termsVersion: row.termsVersion,
        privacyVersion: row.privacyVersion,
        acceptedAt: row.acceptedAt,
        firstAcceptedAt: row.firstAcceptedAt,
      }
    : null;
}
