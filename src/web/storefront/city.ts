import { useSyncExternalStore } from 'react';

const KEY = 'ay_city';
/** Beijing until the buyer picks a city. */
export const DEFAULT_CITY = '110100';
const listeners = new Set<() => void>();

function read(): string {
  try {
    const v = localStorage.getItem(KEY);
    return v && /^\d{6}$/.test(v) ? v : DEFAULT_CITY;
  } catch {
    return DEFAULT_CITY;
  }
}

/** Remembers the chosen city (GB/T 2260 code) in localStorage. */
export function setChosenCity(code: string): void {
  try {
    localStorage.setItem(KEY, code);
  } catch {
    // private mode: keep it for this page only
  }
  for (const l of listeners) l();
}

export function useChosenCity(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    read,
    () => DEFAULT_CITY,
  );
}
