import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  AuditListQuery,
  AuditPage,
  AuditVerifyView,
  DivisionList,
  DivisionView,
  GridInput,
  OutboxPage,
  RoleList,
  RoleView,
  UserInput,
  UserListQuery,
  UserPage,
  UserUpdate,
  UserView,
} from '@shared/admin/admin.schema';
import { Ok, type PasswordChangeInput } from '@shared/auth/auth.schema';
import { DayList, OverrideList, OverrideView, type OverrideInput } from '@shared/calendar/calendar.schema';
import { SettingList, SettingView } from '@shared/settings/settings';
import { api, qs } from '../../lib/api';

export const platformKeys = {
  users: (query: Partial<UserListQuery>) => ['admin', 'users', query] as const,
  roles: ['admin', 'roles'] as const,
  audit: (query: Partial<AuditListQuery>) => ['audit', query] as const,
  divisions: (parent?: string, q?: string) => ['divisions', parent ?? '', q ?? ''] as const,
  summary: ['divisions', 'summary'] as const,
  outbox: (page: number) => ['notify', 'outbox', page] as const,
};

export function useUsers(query: Partial<UserListQuery>) {
  return useQuery({
    queryKey: platformKeys.users(query),
    queryFn: () => api.get(`/api/admin/users${qs(query)}`, UserPage),
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UserInput) => api.post('/api/admin/users', input, UserView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: UserUpdate & { id: string }) => api.patch(`/api/admin/users/${id}`, input, UserView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'users'] }),
  });
}

export function useRoles() {
  return useQuery({ queryKey: platformKeys.roles, queryFn: () => api.get('/api/admin/roles', RoleList) });
}

export function useSaveRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, permissions }: { code: string; permissions: string[] }) =>
      api.put(`/api/admin/roles/${code}/permissions`, { permissions }, RoleView),
    onSuccess: () => client.invalidateQueries({ queryKey: platformKeys.roles }),
  });
}

export function useAudit(query: Partial<AuditListQuery>) {
  return useQuery({
    queryKey: platformKeys.audit(query),
    queryFn: () => api.get(`/api/audit/entries${qs(query)}`, AuditPage),
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.post('/api/audit/verify', undefined, AuditVerifyView) });
}

export function useDivisions(parent?: string, q?: string) {
  return useQuery({
    queryKey: platformKeys.divisions(parent, q),
    queryFn: () => api.get(`/api/divisions${qs({ parent, q })}`, DivisionList),
  });
}

export function useDivisionSummary() {
  return useQuery({
    queryKey: platformKeys.summary,
    queryFn: () => api.get('/api/divisions/summary', z.record(z.string(), z.number())),
  });
}

export function useCreateGrid() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: GridInput) => api.post('/api/divisions/grids', input, DivisionView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['divisions'] }),
  });
}

export function useOutbox(page: number) {
  return useQuery({
    queryKey: platformKeys.outbox(page),
    queryFn: () => api.get(`/api/notify/outbox${qs({ page })}`, OutboxPage),
    refetchInterval: 5000,
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (input: PasswordChangeInput) => api.post('/api/auth/password', input, Ok) });
}

export const calendarKeys = {
  days: (from: string, to: string) => ['calendar', 'days', from, to] as const,
  overrides: (year: number) => ['calendar', 'overrides', year] as const,
};

export function useCalendarDays(from: string, to: string) {
  return useQuery({ queryKey: calendarKeys.days(from, to), queryFn: () => api.get(`/api/calendar/days${qs({ from, to })}`, DayList) });
}

export function useCalendarOverrides(year: number) {
  return useQuery({ queryKey: calendarKeys.overrides(year), queryFn: () => api.get(`/api/calendar/overrides${qs({ year })}`, OverrideList) });
}

export function useSetOverride() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ date, ...input }: OverrideInput & { date: string }) => api.put(`/api/calendar/overrides/${date}`, input, OverrideView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['calendar'] }),
  });
}

export function useRemoveOverride() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api.delete(`/api/calendar/overrides/${date}`, Ok),
    onSuccess: () => client.invalidateQueries({ queryKey: ['calendar'] }),
  });
}

export function useSettings() {
  return useQuery({ queryKey: ['settings'], queryFn: () => api.get('/api/settings', SettingList) });
}

export function useSetSetting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ key, value }: { key: string; value: number | boolean }) => api.put(`/api/settings/${encodeURIComponent(key)}`, { value }, SettingView),
    onSuccess: () => client.invalidateQueries({ queryKey: ['settings'] }),
  });
}
