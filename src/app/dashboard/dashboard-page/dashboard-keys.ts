/** The dashboard's keyboard commands. */
export type DashboardKey = 'next' | 'prev' | 'toggle-playback' | 'settings';

const KEYS: Readonly<Record<string, DashboardKey>> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'prev',
  ArrowUp: 'prev',
  ' ': 'toggle-playback',
  s: 'settings',
};

/**
 * The command of a keydown, or null when the key is not ours: modified keys, a held Space and keys
 * typed into form fields are left alone.
 */
export function dashboardKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'repeat' | 'target'>,
): DashboardKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isEditable(event.target)) return null;
  if (event.key === ' ' && event.repeat) return null;
  // Space on a focused button presses that button (e.g. play/pause), not the page's shortcut.
  if (event.key === ' ' && event.target instanceof HTMLButtonElement) return null;
  return KEYS[event.key] ?? null;
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}
