import { useQuery } from '@tanstack/react-query';
import { InboxList } from '@shared/admin/admin.schema';
import { api } from '../../lib/api';

/** One's own in-app messages: notices, reminders, results. */
export function useInbox() {
  return useQuery({ queryKey: ['portal', 'inbox'], queryFn: () => api.get('/api/notify/inbox', InboxList) });
}
