import type { VelocityRule } from './risk.enums.js';
import type { RiskSignalKind } from './risk.schema.js';

/**
 * The built-in velocity thresholds (policy, not demo data): every database gets them on first use or by
 * the seed, and operators tune them in the console afterwards. A car buyer places one or two orders; more
 * than three from one phone in a day, five from one device or ten from one network in an hour looks like
 * fake orders or card testing (000 §9.1).
 */
export const DEFAULT_RISK_RULES: readonly {
  rule: VelocityRule;
  signal: RiskSignalKind;
  maxCount: number;
  windowMinutes: number;
}[] = [
  { rule: 'phone_velocity', signal: 'phone', maxCount: 3, windowMinutes: 24 * 60 },
  { rule: 'device_velocity', signal: 'device', maxCount: 5, windowMinutes: 60 },
  { rule: 'ip_velocity', signal: 'ip', maxCount: 10, windowMinutes: 60 },
];
