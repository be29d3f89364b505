import { dashboardKey } from './dashboard-keys';

const key = (k: string, over: Partial<KeyboardEvent> = {}) =>
  dashboardKey({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    repeat: false,
    target: null,
    ...over,
  });

describe('dashboardKey', () => {
  it('maps j/k, arrows, Space and s', () => {
    expect(key('j')).toBe('next');
    expect(key('ArrowDown')).toBe('next');
    expect(key('k')).toBe('prev');
    expect(key('ArrowUp')).toBe('prev');
    expect(key(' ')).toBe('toggle-playback');
    expect(key('s')).toBe('settings');
    expect(key('x')).toBeNull();
  });

  it('leaves modified keys, a held Space and typing in fields alone', () => {
    expect(key('j', { ctrlKey: true })).toBeNull();
    expect(key('s', { metaKey: true })).toBeNull();
    expect(key(' ', { repeat: true })).toBeNull();
    expect(key('j', { target: document.createElement('input') })).toBeNull();
    expect(key('j', { target: document.createElement('button') })).toBe('next');
    // Space on a focused button presses the button (play/pause, a speed) instead.
    expect(key(' ', { target: document.createElement('button') })).toBeNull();
    expect(key(' ', { target: document.createElement('div') })).toBe('toggle-playback');
  });
});
