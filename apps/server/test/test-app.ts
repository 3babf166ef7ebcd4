import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app';
import { createDeps } from '../src/bootstrap';
import type { Deps } from '../src/deps';
import { fixedClock } from '../src/lib/clock';
import { DEMO_PASSWORD } from '../src/seed/organisation.seed';
import { inject } from 'vitest';
import { PG_URL, templateNames, testConfig, withDatabase } from './test-env';

export { DEMO_PASSWORD };

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  clock: ReturnType<typeof fixedClock>;
  /** A client logged in as the given demo account (admin realm unless it is a public user). */
  login(username: string, opts?: { password?: string; ip?: string }): Promise<TestClient>;
  /** A client with no session. */
  anonymous(opts?: { ip?: string }): TestClient;
  close(): Promise<void>;
}

export interface TestClient {
  csrf: string | null;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

function makeClient(app: FastifyInstance, state: { cookies: Record<string, string>; csrf: string | null; ip: string }): TestClient {
  const request = async (opts: InjectOptions) => {
    const cookieHeader = Object.entries(state.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>) };
    if (cookieHeader) headers.cookie = cookieHeader;
    if (state.csrf && opts.method && opts.method !== 'GET' && !('x-csrf-token' in headers)) headers['x-csrf-token'] = state.csrf;
    const res = await app.inject({ remoteAddress: state.ip, ...opts, headers });
    for (const c of res.cookies as { name: string; value: string }[]) {
      if (c.value) state.cookies[c.name] = c.value;
      else delete state.cookies[c.name];
    }
    return res;
  };
  return {
    get csrf() {
      return state.csrf;
    },
    set csrf(v) {
      state.csrf = v;
    },
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
    put: (url, body) => request({ method: 'PUT', url, payload: body as object }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** A fresh copy of the seeded template database and an app on it, for one test file. */
export async function createTestApp(opts: { now?: string } = {}): Promise<TestApp> {
  const id = crypto.randomBytes(6).toString('hex');
  const template = templateNames(inject('templateRunId'));
  const dataDir = path.join(os.tmpdir(), `zhichan-test-${id}`);
  let databaseUrl: string | null = null;
  let dropDb: (() => Promise<void>) | null = null;
  if (PG_URL) {
    const name = `zc_test_${id}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template.db}`);
    await admin.end();
    databaseUrl = withDatabase(PG_URL, name);
    dropDb = async () => {
      const c = new pg.Client({ connectionString: PG_URL! });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    fs.cpSync(template.dir, dataDir, { recursive: true });
  }
  const clock = fixedClock(opts.now ?? '2026-11-20T02:00:00.000Z');
  const deps = await createDeps(testConfig({ dataDir, databaseUrl }), { clock });
  const app = await buildApp(deps);
  await app.ready();

  return {
    app,
    deps,
    clock,
    async login(username, o = {}) {
      const state = { cookies: {} as Record<string, string>, csrf: null as string | null, ip: o.ip ?? '10.0.0.1' };
      const client = makeClient(app, state);
      const isPublic = username.startsWith('demo_') || username.startsWith('pub_');
      const res = await client.post(isPublic ? '/api/portal/auth/login' : '/api/auth/login', { username, password: o.password ?? DEMO_PASSWORD });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      state.csrf = res.json().csrfToken;
      return client;
    },
    anonymous(o = {}) {
      return makeClient(app, { cookies: {}, csrf: null, ip: o.ip ?? '10.0.0.2' });
    },
    async close() {
      await app.close();
      await deps.dbh.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (dropDb) await dropDb();
    },
  };
}
