import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { learnerApp, learnerServices, signInWithRole } from '../../../test/learner.js';
import type { Services } from '../../services.js';

describe('the editors’ desk shell', () => {
  let services: Services;
  let app: FastifyInstance;
  beforeEach(async () => {
    services = learnerServices();
    app = await learnerApp(services);
  });
  afterEach(async () => {
    await app.close();
  });

  it('sends an anonymous visitor to log in, and comes back after', async () => {
    const res = await app.inject({ method: 'GET', url: '/desk' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fdesk');
  });

  it('refuses a reader with 403, as a page', async () => {
    const reader = await signInWithRole(app, services, 'reader');
    const res = await app.inject({ method: 'GET', url: '/desk', headers: { cookie: reader.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('editor');
  });

  it('shows an editor the desk, never cached, without the admin-only users area', async () => {
    const editor = await signInWithRole(app, services, 'editor');
    const res = await app.inject({ method: 'GET', url: '/desk', headers: { cookie: editor.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('href="/desk/stories"');
    expect(res.body).toContain('href="/desk/inbox"');
    expect(res.body).not.toContain('href="/desk/users"');
    expect(res.body).toContain('noindex');
  });

  it('lists the users area for an admin', async () => {
    const admin = await signInWithRole(app, services, 'admin');
    const res = await app.inject({ method: 'GET', url: '/desk', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/desk/users"');
  });
});
