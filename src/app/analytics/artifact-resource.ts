import { InjectionToken, computed, inject, resource, type Signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import type { ArtifactResult } from '../../domain/analytics-artifacts/field-reader';

/** Fetches a JSON file; parsed but unchecked (`unknown`). Specs swap in a fake. */
export type ArtifactFetch = (url: string, signal: AbortSignal) => Promise<unknown>;

export const ARTIFACT_FETCH = new InjectionToken<ArtifactFetch>('ARTIFACT_FETCH', {
  providedIn: 'root',
  factory: () => async (url, signal) => {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const json: unknown = await response.json();
    return json;
  },
});

export type ArtifactState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly errors: readonly string[] }
  | { readonly status: 'ok'; readonly value: T };

/**
 * Loads one artifact (a path relative to the app's base URL) and validates it with `read`. A
 * missing file, a file that is not JSON and a file that does not validate all end as `error` with
 * the reasons; the other panels do not depend on it.
 */
export function artifactResource<T>(
  path: string,
  read: (json: unknown) => ArtifactResult<T>,
): Signal<ArtifactState<T>> {
  const fetchJson = inject(ARTIFACT_FETCH);
  const base = inject(DOCUMENT).baseURI;
  const loaded = resource({
    loader: async ({ abortSignal }): Promise<ArtifactResult<T>> => {
      let json: unknown;
      try {
        json = await fetchJson(new URL(path, base).href, abortSignal);
      } catch (e: unknown) {
        // Catches network failures, HTTP errors and bodies that are not JSON.
        return {
          ok: false,
          errors: [`${path} could not be loaded (${e instanceof Error ? e.message : String(e)})`],
        };
      }
      return read(json);
    },
  });
  return computed((): ArtifactState<T> => {
    const result = loaded.hasValue() ? loaded.value() : undefined;
    if (result === undefined) return { status: 'loading' };
    return result.ok
      ? { status: 'ok', value: result.value }
      : { status: 'error', errors: result.errors };
  });
}
