import { IdParam, NotificationDto, PageQuery, pageOf } from '@zhichan/shared';
import { z } from 'zod';
import { staffActor } from '../../access/authenticate';
import type { RouteModule } from '../../http';
import { listNotifications, markAllRead, markRead, unreadCount } from './notifications.service';

const TAG = '站内消息';
const NotificationQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
});
const CountDto = z.object({ count: z.number().int() });

/** The actor's own inbox. Any staff member may read it; no permission is needed for one's own messages. */
export const notificationRoutes: RouteModule = (app, deps) => {
  app.get('/api/notifications', {
    schema: { tags: [TAG], summary: '我的消息', querystring: NotificationQuery, response: { 200: pageOf(NotificationDto) } },
    config: { access: { auth: 'staff' } },
  }, async (req) => listNotifications(deps, staffActor(req), req.query));

  app.get('/api/notifications/unread-count', {
    schema: { tags: [TAG], summary: '未读消息数', response: { 200: CountDto } },
    config: { access: { auth: 'staff' } },
  }, async (req) => ({ count: await unreadCount(deps, staffActor(req)) }));

  app.post('/api/notifications/:id/read', {
    schema: { tags: [TAG], summary: '标记为已读', params: IdParam, response: { 200: NotificationDto } },
    config: { access: { auth: 'staff' } },
  }, async (req) => markRead(deps, staffActor(req), req.params.id));

  app.post('/api/notifications/read-all', {
    schema: { tags: [TAG], summary: '全部标记为已读', response: { 200: CountDto } },
    config: { access: { auth: 'staff' } },
  }, async (req) => ({ count: await markAllRead(deps, staffActor(req)) }));

  // The same inbox for a logged-in public user (portal session): messages about their own submissions and consultations.
  const PORTAL_TAG = '门户消息';
  app.get('/api/portal/notifications', {
    schema: { tags: [PORTAL_TAG], summary: '我的消息（公众用户）', querystring: NotificationQuery, response: { 200: pageOf(NotificationDto) } },
    config: { access: { auth: 'public' } },
  }, async (req) => listNotifications(deps, req.actor!, req.query));

  app.get('/api/portal/notifications/unread-count', {
    schema: { tags: [PORTAL_TAG], summary: '未读消息数（公众用户）', response: { 200: CountDto } },
    config: { access: { auth: 'public' } },
  }, async (req) => ({ count: await unreadCount(deps, req.actor!) }));

  app.post('/api/portal/notifications/:id/read', {
    schema: { tags: [PORTAL_TAG], summary: '标记为已读（公众用户）', params: IdParam, response: { 200: NotificationDto } },
    config: { access: { auth: 'public' } },
  }, async (req) => markRead(deps, req.actor!, req.params.id));
};
