/** Public API of the local DynamoDB: dynalite, and the tables of the local stack created from their designs. */
export { startDynamo, type LocalDynamo } from './server';
export { ensureRollupTables, keyedTable } from './rollupTables';
export { ensurePostsTable } from './postsTable';
