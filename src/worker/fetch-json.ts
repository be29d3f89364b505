/** Fetches a JSON document; rejects with `MissingFile` for a missing (404) file. */
export type JsonFetcher = (url: string) => Promise<unknown>;

/** A requested file that does not exist (HTTP 404): optional artifacts are simply absent. */
export class MissingFile extends Error {}

export async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (res.status === 404) throw new MissingFile(`${url}: not found`);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const body: unknown = await res.json();
  return body;
}
