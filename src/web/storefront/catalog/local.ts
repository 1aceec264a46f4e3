import { useSyncExternalStore } from 'react';

// Buyer lists kept in the browser: the compare tray, and favourites/history while signed out.

/** At most this many vehicles side by side. */
export const MAX_COMPARE = 4;
const HISTORY_LIMIT = 100;

type ListName = 'compare' | 'favourites' | 'history';
const KEYS: Record<ListName, string> = {
  compare: 'ay_compare',
  favourites: 'ay_favourites',
  history: 'ay_history',
};
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const listeners = new Set<() => void>();
const cache = new Map<ListName, { raw: string | null; ids: string[] }>();

function read(name: ListName): string[] {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(KEYS[name]);
  } catch {
    raw = null;
  }
  const hit = cache.get(name);
  if (hit && hit.raw === raw) return hit.ids;
  let ids: string[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) ids = parsed.filter((v): v is string => typeof v === 'string' && ID.test(v));
  } catch {
    ids = [];
  }
  cache.set(name, { raw, ids });
  return ids;
}

function write(name: ListName, ids: string[]): void {
  try {
    if (ids.length === 0) localStorage.removeItem(KEYS[name]);
    else localStorage.setItem(KEYS[name], JSON.stringify(ids));
  } catch {
    // private mode: the list lasts for this page only
  }
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => {
    if (e.key && Object.values(KEYS).includes(e.key)) l();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

const EMPTY: string[] = [];

export function useLocalList(name: ListName): string[] {
  return useSyncExternalStore(
    subscribe,
    () => read(name),
    () => EMPTY,
  );
}

export function readLocalList(name: ListName): string[] {
  return read(name);
}

export function clearLocalList(name: ListName): void {
  write(name, []);
}

const TITLES_KEY = 'ay_compare_titles';

/** Titles of the vehicles in the tray, so the tray can name them without asking the API. */
export function compareTitles(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(TITLES_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null) return {};
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

function rememberTitle(id: string, title: string): void {
  const keep = new Set(read('compare'));
  const titles = Object.fromEntries(Object.entries(compareTitles()).filter(([k]) => keep.has(k) || k === id));
  titles[id] = title;
  try {
    localStorage.setItem(TITLES_KEY, JSON.stringify(titles));
  } catch {
    // private mode
  }
}

/** Adds a vehicle to the compare tray; false when the tray is already full. */
export function addToCompare(id: string, title: string): boolean {
  const ids = read('compare');
  if (ids.includes(id)) return true;
  if (ids.length >= MAX_COMPARE) return false;
  rememberTitle(id, title);
  write('compare', [...ids, id]);
  return true;
}

export function removeFromCompare(id: string): void {
  write(
    'compare',
    read('compare').filter((x) => x !== id),
  );
}

export function setCompare(ids: string[]): void {
  write('compare', [...new Set(ids.filter((id) => ID.test(id)))].slice(0, MAX_COMPARE));
}

export function toggleLocalFavourite(id: string): boolean {
  const ids = read('favourites');
  if (ids.includes(id)) {
    write(
      'favourites',
      ids.filter((x) => x !== id),
    );
    return false;
  }
  write('favourites', [id, ...ids]);
  return true;
}

/** Most recent first, each vehicle once. */
export function recordLocalView(id: string): void {
  const ids = read('history');
  if (ids[0] === id) return;
  write('history', [id, ...ids.filter((x) => x !== id)].slice(0, HISTORY_LIMIT));
}
