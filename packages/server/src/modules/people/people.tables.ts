// Tables owned by the people module (Kysely types, camelCase; the database columns are snake_case).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type PeopleTables = {};
