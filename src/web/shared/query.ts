import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.js';

/** One client for the whole app: no retries for 4xx answers (they will not change by retrying). */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
