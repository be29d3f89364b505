import { sha256Hex } from './sha256';
import { threadsFor, wasmSimdSupported } from './wasm-runtime';

describe('threadsFor', () => {
  it('uses one thread without cross-origin isolation', () => {
    expect(threadsFor(2, false, 8)).toBe(1);
  });

  it('caps threads by the request and the cores when isolated', () => {
    expect(threadsFor(2, true, 8)).toBe(2);
    expect(threadsFor(2, true, 1)).toBe(1);
    expect(threadsFor(4, true, 3)).toBe(3);
    expect(threadsFor(2, true, 0)).toBe(1);
  });
});

describe('sha256Hex', () => {
  it('gives the FIPS 180-2 digests of "" and "abc"', async () => {
    expect(await sha256Hex(new Uint8Array(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('wasmSimdSupported', () => {
  it('is true in the Chromium the specs run in', () => {
    expect(wasmSimdSupported()).toBeTrue();
  });
});
