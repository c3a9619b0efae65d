import { useMutation } from '@tanstack/react-query';
import { FileView } from '@shared/files/files.schema';
import { api } from './api';

/** Uploads one file (JPEG, PNG or PDF); its id goes into the form that needs it. */
export function useUpload() {
  return useMutation({ mutationFn: (file: File) => api.upload(`/api/files?name=${encodeURIComponent(file.name || 'scan')}`, file, FileView) });
}
