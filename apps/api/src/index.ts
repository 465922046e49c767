/**
 * The api as a whole, for the harnesses that run it in-process (bench/, test/): `@ledger/api`.
 * No other app and no library may import it (eslint.config.mjs).
 */
export { createApp, type CreateApiOptions } from './create-app';
/** The framework floor routes, for bench/http-commands and bench/query-project-list. */
export { FrameworkFloorModule } from './harness/framework-floor.module';
/** The audit replay service, for bench/as-of-replay (the work GET /api/audit/.../state does). */
export { AuditReplay } from './audit/audit-replay.service';
