#!/usr/bin/env bash
# Regenerates the whole migration set from the current schemas. Only for migrations that have not
# landed yet (first session); after that use `npm run db:generate`, which adds a new migration.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/autoyard-migrations.lock
flock 9
rm -rf src/server/kernel/db/migrations
npx drizzle-kit generate --name init
