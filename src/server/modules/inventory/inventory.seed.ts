import type { Db } from '../../kernel/db/client.js';
export async function seedDemoStock(_db: Db): Promise<void> {}
