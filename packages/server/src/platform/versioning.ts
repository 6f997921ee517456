import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DialectName, Executor } from '../db/database.js';
import { fieldError, PreconditionFailedError } from './errors.js';
import { lastChange, lockVersion, type VersionedTable } from './versions.repository.js';

/**
 * Optimistic concurrency for the records people edit at the same time (cases, people, applications …): every such
 * record has a `version` that a trigger moves on every update. GET and the PATCH answer carry it as the ETag
 * (`"7"`) and in the body; a PATCH with `If-Match: "7"` is applied only if the record is still at version 7 —
 * checked inside the write's transaction with the row locked — otherwise 412 PRECONDITION_FAILED names who
 * changed it and when. Without If-Match a PATCH applies as before (scripts); the web app always sends it.
 */
const ETAG = /^(?:W\/)?"(\d{1,12})"$/;
const IF_MATCH_MESSAGE = 'If-Match 须为记录的 ETag，例如 "3"';

export const ifMatchHeadersSchema = z.object({ 'if-match': z.string().regex(ETAG, { message: IF_MATCH_MESSAGE }).optional() });

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version the caller last saw (If-Match), or null when it sent none (or "*"). */
export function ifMatchOf(req: FastifyRequest): number | null {
  const h = req.headers['if-match'];
  if (h === undefined || h === '*') return null;
  const m = typeof h === 'string' ? ETAG.exec(h.trim()) : null;
  if (!m) throw fieldError('If-Match', IF_MATCH_MESSAGE);
  return Number(m[1]);
}

/** Sets the ETag of a versioned record's answer and returns the record. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  reply.header('etag', etagOf(body.version));
  return body;
}

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function shanghaiTime(iso: string): string {
  const p = Object.fromEntries(SHANGHAI.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * Inside the write's transaction, before it changes anything: the record must still be at the version the caller
 * saw. Locks the row (PostgreSQL) so that two PATCHes with the same If-Match cannot both pass.
 */
export async function assertVersion(
  trx: Executor,
  dialect: DialectName,
  target: { table: VersionedTable; id: string; expected: number | null | undefined; entityType: string; what: string },
): Promise<void> {
  if (target.expected === null || target.expected === undefined) return;
  const current = await lockVersion(trx, target.table, target.id, dialect === 'postgres');
  if (current === null || current === target.expected) return;
  const who = await lastChange(trx, target.entityType, target.id);
  throw new PreconditionFailedError(
    who
      ? `该${target.what}已被${who.displayName ?? who.actorName ?? '系统'}于 ${shanghaiTime(who.at)} 修改（在您打开之后）。您的修改尚未保存：请重新加载，核对后再改`
      : `该${target.what}已被他人修改（在您打开之后）。您的修改尚未保存：请重新加载，核对后再改`,
  );
}
