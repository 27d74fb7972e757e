import request from 'supertest';

/** A supertest target: an HTTP server or a base URL. */
export type Target = Parameters<typeof request>[0];

/** Signs in through POST /api/auth/login and returns the Authorization header value. */
export async function signIn(target: Target, login: string, password: string): Promise<string> {
  const res = await request(target).post('/api/auth/login').send({ login, password }).expect(200);
  expect(typeof res.body.token).toBe('string');
  return `Bearer ${res.body.token as string}`;
}
