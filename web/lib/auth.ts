import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { MeView } from '@shared/auth/auth.schema';
import { api, ApiError, setCsrfToken } from './api';

export const meKey = ['auth', 'me'] as const;

/** The logged-in user, or null when nobody is logged in. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    staleTime: 60_000,
    queryFn: async () => {
      try {
        const me = await api.get('/api/auth/me', MeView);
        setCsrfToken(me.csrfToken);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
  });
}

/** Stores a fresh login in the cache, so every page sees the new user at once. */
export function useSignedIn() {
  const client = useQueryClient();
  return (me: MeView) => {
    setCsrfToken(me.csrfToken);
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
    client.setQueryData(meKey, me);
  };
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout', undefined, z.object({ ok: z.literal(true) })),
    onSettled: () => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
      client.setQueryData(meKey, null);
    },
  });
}

export function can(me: MeView | null | undefined, permission: string | undefined): boolean {
  return !permission || Boolean(me?.permissions.includes(permission));
}
