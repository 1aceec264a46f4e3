import { useQuery } from '@tanstack/react-query';
import type { THomeFeed } from '../../../server/modules/search/search.home.contract.js';
import { api } from '../../shared/api.js';
import { searchKeys } from '../../shared/hooks/search.js';

export type HomeFeed = THomeFeed;

/** Under searchKeys.all: whatever refreshes search answers refreshes the home rows too. */
export const homeFeedKey = (city: string, kind: 'new' | 'used' | undefined) =>
  [...searchKeys.all, 'home', city, kind ?? 'all'] as const;

/** The home page's rows of a city (popular, newest, price drops), for the chosen new/used tab. */
export function useHomeFeed(city: string, kind: 'new' | 'used' | undefined) {
  return useQuery({
    queryKey: homeFeedKey(city, kind),
    queryFn: ({ signal }) =>
      api<HomeFeed>('/catalog/home', { query: { city, ...(kind ? { kind } : {}) }, signal }),
    staleTime: 60_000,
  });
}
