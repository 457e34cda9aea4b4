/** A raw HTTP client for tests that need every header as sent, over real sockets (`inject` never reaches a server). */
import { request } from 'node:http';

export interface Answer {
  status: number;
  /** Every header as sent, in order, lowercased, but `date`. */
  headers: string[];
  body: Buffer;
}

export function ask(
  base: string,
  path: string,
  method = 'GET',
  headers: Record<string, string> = {},
  /** A body to send; the address to send from (another loopback address is another client). */
  options: { body?: string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const pairs: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const name = res.rawHeaders[i]!.toLowerCase();
          if (name !== 'date') pairs.push(`${name}: ${res.rawHeaders[i + 1]}`);
        }
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
