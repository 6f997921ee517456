import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  answerParamsSchema,
  answerSchema,
  approveAnswerSchema,
  createNoticeSchema,
  createTaskSchema,
  fileParamsSchema,
  forwardTaskSchema,
  idParamsSchema,
  mergedResultSchema,
  noticeDetailSchema,
  noticeListItemSchema,
  noticeListQuerySchema,
  pageOf,
  returnAnswerSchema,
  saveAnswerSchema,
  taskDetailSchema,
  taskListItemSchema,
  taskListQuerySchema,
  taskValuesSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { FILE_UPLOAD } from '../../platform/input.js';
import type { NoticesService } from './notices.service.js';
import type { TasksService } from './tasks.service.js';

const jobStarted = z.object({ jobId: z.string() });
const submitSchema = z.strictObject({ values: taskValuesSchema.optional() });

function sendFile(reply: FastifyReply, f: { body: Buffer; mime: string; fileName: string }) {
  return reply
    .header('content-type', f.mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .send(f.body);
}

/** /api/tasks (任务下发) and /api/notices (通知公告): thin routes, one service call each. */
export function registerTasksRoutes(app: FastifyInstance, { tasks, notices }: { tasks: TasksService; notices: NoticesService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tasks'];
  const base = '/api/tasks';
  const answer = `${base}/:id/answers/:answerId`;

  r.get(base, { schema: { tags, querystring: taskListQuerySchema, response: { 200: pageOf(taskListItemSchema) } } }, (req) =>
    tasks.listTasks(requireActor(req), req.query),
  );
  r.post(base, { schema: { tags, body: createTaskSchema, response: { 201: taskDetailSchema } } }, async (req, reply) => {
    reply.status(201);
    return tasks.createTask(requireActor(req), req.body);
  });
  r.get(`${base}/:id`, { schema: { tags, params: idParamsSchema, response: { 200: taskDetailSchema } } }, (req) =>
    tasks.getTask(requireActor(req), req.params.id),
  );
  r.get(`${base}/:id/merged`, { schema: { tags, params: idParamsSchema, response: { 200: mergedResultSchema } } }, (req) =>
    tasks.getMerged(requireActor(req), req.params.id),
  );
  r.get(`${base}/:id/merged/export`, { schema: { tags, params: idParamsSchema } }, (req, reply) =>
    tasks.exportMerged(requireActor(req), req.params.id, reply),
  );
  r.get(`${base}/:id/template`, { schema: { tags, params: idParamsSchema } }, (req, reply) =>
    tasks.answerTemplate(requireActor(req), req.params.id, reply),
  );
  r.post(
    `${base}/:id/attachments`,
    { schema: { ...FILE_UPLOAD, tags, params: idParamsSchema, response: { 200: taskDetailSchema } } },
    (req) => tasks.addAttachment(requireActor(req), req.params.id, () => req.file()),
  );
  r.get(`${base}/:id/attachments/:fileId`, { schema: { tags, params: fileParamsSchema } }, async (req, reply) =>
    sendFile(reply, await tasks.openAttachment(requireActor(req), req.params.id, req.params.fileId)),
  );
  r.get(answer, { schema: { tags, params: answerParamsSchema, response: { 200: answerSchema } } }, (req) =>
    tasks.getAnswer(requireActor(req), req.params.id, req.params.answerId),
  );
  r.put(answer, { schema: { tags, params: answerParamsSchema, body: saveAnswerSchema, response: { 200: answerSchema } } }, (req) =>
    tasks.saveDraft(requireActor(req), req.params.id, req.params.answerId, req.body),
  );
  r.post(`${answer}/submit`, { schema: { tags, params: answerParamsSchema, body: submitSchema, response: { 200: answerSchema } } }, (req) =>
    tasks.submitAnswer(requireActor(req), req.params.id, req.params.answerId, req.body.values ? { values: req.body.values } : undefined),
  );
  r.post(
    `${answer}/return`,
    { schema: { tags, params: answerParamsSchema, body: returnAnswerSchema, response: { 200: answerSchema } } },
    (req) => tasks.returnAnswer(requireActor(req), req.params.id, req.params.answerId, req.body),
  );
  r.post(
    `${answer}/approve`,
    { schema: { tags, params: answerParamsSchema, body: approveAnswerSchema, response: { 200: answerSchema } } },
    (req) => tasks.approveAnswer(requireActor(req), req.params.id, req.params.answerId, req.body),
  );
  r.post(
    `${answer}/forward`,
    { schema: { tags, params: answerParamsSchema, body: forwardTaskSchema, response: { 201: taskDetailSchema } } },
    async (req, reply) => {
      reply.status(201);
      return tasks.forwardTask(requireActor(req), req.params.id, req.params.answerId, req.body);
    },
  );
  r.post(`${answer}/merge`, { schema: { tags, params: answerParamsSchema, response: { 200: answerSchema } } }, (req) =>
    tasks.mergeFromBelow(requireActor(req), req.params.id, req.params.answerId),
  );
  r.post(
    `${answer}/import`,
    { schema: { ...FILE_UPLOAD, tags, params: answerParamsSchema, response: { 202: jobStarted } } },
    async (req, reply) => {
      const actor = requireActor(req);
      reply.status(202);
      return tasks.importAnswer(actor, req.params.id, req.params.answerId, () => req.file());
    },
  );

  const nb = '/api/notices';
  const ntags = ['notices'];
  r.get(nb, { schema: { tags: ntags, querystring: noticeListQuerySchema, response: { 200: pageOf(noticeListItemSchema) } } }, (req) =>
    notices.listNotices(requireActor(req), req.query),
  );
  r.post(nb, { schema: { tags: ntags, body: createNoticeSchema, response: { 201: noticeDetailSchema } } }, async (req, reply) => {
    reply.status(201);
    return notices.createNotice(requireActor(req), req.body);
  });
  r.get(`${nb}/:id`, { schema: { tags: ntags, params: idParamsSchema, response: { 200: noticeDetailSchema } } }, (req) =>
    notices.getNotice(requireActor(req), req.params.id),
  );
  r.post(`${nb}/:id/read`, { schema: { tags: ntags, params: idParamsSchema, response: { 200: noticeDetailSchema } } }, (req) =>
    notices.markRead(requireActor(req), req.params.id),
  );
  r.post(
    `${nb}/:id/attachments`,
    { schema: { ...FILE_UPLOAD, tags: ntags, params: idParamsSchema, response: { 200: noticeDetailSchema } } },
    (req) => notices.addAttachment(requireActor(req), req.params.id, () => req.file()),
  );
  r.get(`${nb}/:id/attachments/:fileId`, { schema: { tags: ntags, params: fileParamsSchema } }, async (req, reply) =>
    sendFile(reply, await notices.openAttachment(requireActor(req), req.params.id, req.params.fileId)),
  );
}
