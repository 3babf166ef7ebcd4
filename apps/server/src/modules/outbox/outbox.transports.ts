import type { Deps } from '../../deps';
import { sendNotifications } from '../notifications/notifications.service';

/** A message as a transport sees it: the recipient decrypted just for the send. */
export interface DeliverableMessage {
  id: number;
  channel: 'sms' | 'email' | 'inApp';
  /** Phone number or e-mail address (null for inApp). */
  to: string | null;
  userId: number | null;
  subject: string;
  body: string;
  link: string | null;
}

/** Sends one message or throws; a throw is a failed attempt (retried with back-off, never lost). */
export interface OutboxTransport {
  name: string;
  send(msg: DeliverableMessage): Promise<void>;
}

export interface OutboxLogger {
  info(obj: object, msg?: string): void;
}

let logger: OutboxLogger = { info: (obj, msg) => console.info(JSON.stringify({ msg, ...obj })) };

/** The server wires Fastify's logger in here (so the log transport writes to the server log). */
export function setOutboxLogger(l: OutboxLogger): void {
  logger = l;
}

/** The default for SMS and e-mail when no gateway is configured: the message goes to the server log. */
export const logTransport: OutboxTransport = {
  name: 'log',
  async send(msg) {
    // The recipient is personal data: the log shows it masked (the outbox row keeps it encrypted).
    logger.info({ outboxId: msg.id, channel: msg.channel, to: msg.to ? `${msg.to.slice(0, 3)}***` : null, subject: msg.subject, body: msg.body }, 'outbox message (log transport)');
  },
};

async function postJson(url: string, payload: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) {
    const text = (await res.text().catch(() => '')).slice(0, 200);
    throw new Error(`gateway answered ${res.status}${text ? `: ${text}` : ''}`);
  }
}

/** SMS gateway: POST JSON {to, text} to SMS_GATEWAY_URL; any 2xx is success. */
export function httpSmsTransport(url: string): OutboxTransport {
  return { name: 'httpSms', send: (msg) => postJson(url, { to: msg.to, text: msg.body }) };
}

/** E-mail gateway: POST JSON {to, subject, text} to EMAIL_GATEWAY_URL; any 2xx is success. */
export function httpEmailTransport(url: string): OutboxTransport {
  return { name: 'httpEmail', send: (msg) => postJson(url, { to: msg.to, subject: msg.subject, text: msg.body }) };
}

/**
 * In-app message to a logged-in (portal) user. The dedupe key is the outbox id, so a send repeated after a crash
 * between the insert and the status update never shows the message twice.
 */
export function inAppTransport(deps: Deps): OutboxTransport {
  return {
    name: 'inApp',
    async send(msg) {
      if (msg.userId === null) throw new Error('inApp message without a user');
      await sendNotifications(deps.db, [
        { userId: msg.userId, kind: 'submission.progress', title: msg.subject, body: msg.body, link: msg.link, dedupeKey: `outbox:${msg.id}` },
      ]);
    },
  };
}

export type TransportTable = Record<DeliverableMessage['channel'], OutboxTransport>;

/** The transport of each channel from the configuration: gateways when configured, else the log. */
export function defaultTransports(deps: Deps): TransportTable {
  return {
    sms: deps.config.smsGatewayUrl ? httpSmsTransport(deps.config.smsGatewayUrl) : logTransport,
    email: deps.config.emailGatewayUrl ? httpEmailTransport(deps.config.emailGatewayUrl) : logTransport,
    inApp: inAppTransport(deps),
  };
}
