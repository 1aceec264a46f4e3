import type { Config } from '../config.js';

/**
 * A named crash point: when FAILPOINTS names it, the process dies here at once (SIGKILL, as `kill -9`
 * would), so a test can prove what a crash at exactly this moment leaves behind and how it heals.
 * FAILPOINTS is refused in production (loadConfig), so this is a no-op there.
 */
export function failpoint(config: Pick<Config, 'failpoints'>, name: string): void {
  if (!config.failpoints.includes(name)) return;
  process.stderr.write(`failpoint ${name}: killing process ${process.pid}\n`);
  process.kill(process.pid, 'SIGKILL');
}
