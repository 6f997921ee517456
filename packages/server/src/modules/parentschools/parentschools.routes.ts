import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  classListQuerySchema,
  classSchema,
  createClassSchema,
  createOrderSchema,
  createSiteSchema,
  createTeacherSchema,
  createTextbookSchema,
  idParamsSchema,
  linkableSessionSchema,
  linkTrainingSessionSchema,
  okSchema,
  orderListQuerySchema,
  orderSchema,
  orderTotalsSchema,
  pageOf,
  siteListQuerySchema,
  siteSchema,
  teacherSchema,
  textbookSchema,
  updateOrderSchema,
  updateSiteSchema,
} from '@jinguo/domain';
import { requireActor } from '../../platform/http.js';
import { FILE_UPLOAD } from '../../platform/input.js';
import type { ClassesService } from './classes.service.js';
import type { ParentSchoolsService } from './parentschools.service.js';
import type { TextbooksService } from './textbooks.service.js';

const jobStarted = z.object({ jobId: z.string() });
const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export function registerParentSchoolsRoutes(
  app: FastifyInstance,
  { schools, classes, textbooks }: { schools: ParentSchoolsService; classes: ClassesService; textbooks: TextbooksService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['parentschools'];
  const base = '/api/parentschools';

  // Sites.
  r.get(`${base}/sites`, { schema: { tags, querystring: siteListQuerySchema, response: { 200: pageOf(siteSchema) } } }, (req) =>
    schools.listSites(requireActor(req), req.query),
  );
  r.get(`${base}/sites/export`, { schema: { tags, querystring: siteListQuerySchema.omit({ page: true, pageSize: true }) } }, (req, reply) =>
    schools.exportSites(requireActor(req), req.query, reply),
  );
  r.get(`${base}/sites/template`, { schema: { tags } }, (req, reply) => schools.sitesTemplate(requireActor(req), reply));
  r.post(`${base}/sites/import`, { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return schools.importSites(actor, () => req.file());
  });
  r.post(`${base}/sites`, { schema: { tags, body: createSiteSchema, response: { 201: siteSchema } } }, async (req, reply) => {
    reply.status(201);
    return schools.createSite(requireActor(req), req.body);
  });
  r.get(
    `${base}/sites/:id`,
    { schema: { tags, params: idParamsSchema, querystring: yearQuery.partial(), response: { 200: siteSchema } } },
    (req) => schools.getSite(requireActor(req), req.params.id, req.query.year),
  );
  r.patch(`${base}/sites/:id`, { schema: { tags, params: idParamsSchema, body: updateSiteSchema, response: { 200: siteSchema } } }, (req) =>
    schools.updateSite(requireActor(req), req.params.id, req.body),
  );

  // Teachers.
  r.get(`${base}/teachers`, { schema: { tags, response: { 200: z.array(teacherSchema) } } }, (req) =>
    schools.listTeachers(requireActor(req)),
  );
  r.post(`${base}/teachers`, { schema: { tags, body: createTeacherSchema, response: { 201: teacherSchema } } }, async (req, reply) => {
    reply.status(201);
    return schools.createTeacher(requireActor(req), req.body);
  });

  // Classes: own, or a family-education training session taken as a class.
  r.get(`${base}/classes`, { schema: { tags, querystring: classListQuerySchema, response: { 200: pageOf(classSchema) } } }, (req) =>
    classes.listClasses(requireActor(req), req.query),
  );
  r.get(
    `${base}/classes/export`,
    { schema: { tags, querystring: classListQuerySchema.omit({ page: true, pageSize: true }) } },
    (req, reply) => classes.exportClasses(requireActor(req), req.query, reply),
  );
  r.get(`${base}/classes/template`, { schema: { tags } }, (req, reply) => classes.classesTemplate(requireActor(req), reply));
  r.post(`${base}/classes/import`, { schema: { ...FILE_UPLOAD, tags, response: { 202: jobStarted } } }, async (req, reply) => {
    const actor = requireActor(req);
    reply.status(202);
    return classes.importClasses(actor, () => req.file());
  });
  r.post(`${base}/classes`, { schema: { tags, body: createClassSchema, response: { 201: classSchema } } }, async (req, reply) => {
    reply.status(201);
    return classes.createClass(requireActor(req), req.body);
  });
  r.post(
    `${base}/classes/link`,
    { schema: { tags, body: linkTrainingSessionSchema, response: { 201: classSchema } } },
    async (req, reply) => {
      reply.status(201);
      return classes.linkTrainingSession(requireActor(req), req.body);
    },
  );
  r.delete(`${base}/classes/:id`, { schema: { tags, params: idParamsSchema, response: { 200: okSchema } } }, (req) =>
    classes.deleteClass(requireActor(req), req.params.id),
  );
  r.get(
    `${base}/linkable-sessions`,
    { schema: { tags, querystring: yearQuery, response: { 200: z.array(linkableSessionSchema) } } },
    (req) => classes.linkableSessions(requireActor(req), req.query.year),
  );

  // The textbook catalogue and the yearly order.
  r.get(`${base}/textbooks`, { schema: { tags, response: { 200: z.array(textbookSchema) } } }, (req) =>
    textbooks.listTextbooks(requireActor(req)),
  );
  r.post(`${base}/textbooks`, { schema: { tags, body: createTextbookSchema, response: { 201: textbookSchema } } }, async (req, reply) => {
    reply.status(201);
    return textbooks.createTextbook(requireActor(req), req.body);
  });
  r.get(`${base}/orders`, { schema: { tags, querystring: orderListQuerySchema, response: { 200: pageOf(orderSchema) } } }, (req) =>
    textbooks.listOrders(requireActor(req), req.query),
  );
  r.get(`${base}/orders/totals`, { schema: { tags, querystring: yearQuery, response: { 200: orderTotalsSchema } } }, (req) =>
    textbooks.orderTotals(requireActor(req), req.query.year),
  );
  r.get(
    `${base}/orders/export`,
    { schema: { tags, querystring: orderListQuerySchema.omit({ page: true, pageSize: true }) } },
    (req, reply) => textbooks.exportOrders(requireActor(req), req.query, reply),
  );
  r.get(`${base}/orders/template`, { schema: { tags } }, (req, reply) => textbooks.ordersTemplate(requireActor(req), reply));
  r.post(
    `${base}/orders/import`,
    { schema: { ...FILE_UPLOAD, tags, querystring: yearQuery, response: { 202: jobStarted } } },
    async (req, reply) => {
      const actor = requireActor(req);
      reply.status(202);
      return textbooks.importOrders(actor, req.query.year, () => req.file());
    },
  );
  r.post(`${base}/orders`, { schema: { tags, body: createOrderSchema, response: { 201: orderSchema } } }, async (req, reply) => {
    reply.status(201);
    return textbooks.createOrder(requireActor(req), req.body);
  });
  r.patch(
    `${base}/orders/:id`,
    { schema: { tags, params: idParamsSchema, body: updateOrderSchema, response: { 200: orderSchema } } },
    (req) => textbooks.updateOrder(requireActor(req), req.params.id, req.body),
  );
}
