/** Public API of the local DynamoDB: dynalite, and the tables of the local stack (rollups, posts, alerts) created from their designs. */
export { startDynamo, type LocalDynamo } from './server';
export { ensureRollupTables, keyedTable } from './rollupTables';
export { ensurePostsTable } from './postsTable';
export { ensureAlertsTable } from './alertsTable';
