import { sql, type SqlBool } from 'kysely';

/** `column LIKE %text%` with the wildcards in the text escaped, the same on SQLite and PostgreSQL. Column in snake_case. */
export function containsText(column: string, text: string) {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<SqlBool>`${sql.ref(column)} LIKE ${`%${escaped}%`} ESCAPE '\\'`;
}
