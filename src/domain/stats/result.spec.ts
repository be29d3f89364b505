import { insufficientData, isInsufficientData, isOk, toBinary } from './result';

describe('result conventions', () => {
  it('builds and recognises insufficient_data', () => {
    const r = insufficientData(3, 10, 'rows');
    expect(r).toEqual({ status: 'insufficient_data', n: 3, minimum: 10, what: 'rows' });
    expect(isInsufficientData(r)).toBeTrue();
    expect(isInsufficientData({ status: 'ok' })).toBeFalse();
    expect(isOk<{ status: 'ok' }>(r)).toBeFalse();
  });

  it('accepts 0/1/boolean labels and rejects anything else', () => {
    expect(Array.from(toBinary([0, 1, true, false]))).toEqual([0, 1, 1, 0]);
    expect(() => toBinary(Uint8Array.of(0, 2))).toThrowError(TypeError);
    expect(() => toBinary([0, 2 as 0])).toThrowError(TypeError);
  });
});
