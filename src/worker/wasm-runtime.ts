/** Facts about the WebAssembly runtime that decide and describe the onnxruntime-web setup. */

/** A tiny module that uses a v128 instruction: it validates only where WebAssembly SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
]);

export function wasmSimdSupported(): boolean {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    // Catches engines whose validate throws on unknown opcodes: no SIMD then.
    return false;
  }
}

/**
 * wasm threads to ask for: threads need SharedArrayBuffer, which only a cross-origin isolated
 * context has; otherwise one. Never more than the cores or the caller's cap.
 */
export function threadsFor(
  maxThreads: number,
  crossOriginIsolated: boolean,
  hardwareConcurrency: number,
): number {
  if (!crossOriginIsolated) return 1;
  return Math.max(1, Math.min(maxThreads, hardwareConcurrency));
}
