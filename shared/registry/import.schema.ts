import { z } from 'zod';
import { PageQuery, pageOf } from '../kernel/paging';

/**
 * The columns of a registrations file (persons with where they live), by the header names a file may use.
 * Headers are matched after trimming; the first name of each is the one the template and rejects file use.
 */
export const IMPORT_COLUMNS = {
  name: { required: true, headers: ['姓名', 'name'] },
  idNumber: { required: true, headers: ['身份证号码', '身份证号', '公民身份号码', 'id_number', 'idNumber'] },
  phone: { required: false, headers: ['手机号码', '手机', '联系电话', 'phone'] },
  education: { required: false, headers: ['文化程度', 'education'] },
  employer: { required: false, headers: ['工作单位', 'employer'] },
  address: { required: true, headers: ['地址', '标准地址', 'address'] },
  unit: { required: true, headers: ['房号', '门牌号', 'unit'] },
  relation: { required: true, headers: ['居住关系', '居住类型', 'relation'] },
  arrivedOn: { required: true, headers: ['入住日期', '来穗日期', 'arrived_on', 'arrivedOn'] },
} as const;
export type ImportField = keyof typeof IMPORT_COLUMNS;

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const ImportView = z.object({
  id: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  sizeBytes: z.number(),
  status: z.enum(IMPORT_STATUSES),
  /** Data rows in the file, once counted. */
  totalRows: z.number().nullable(),
  rowsDone: z.number(),
  accepted: z.number(),
  unchanged: z.number(),
  rejected: z.number(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportView = z.infer<typeof ImportView>;
export const ImportListQuery = PageQuery.extend({});
export type ImportListQuery = z.infer<typeof ImportListQuery>;
export const ImportPage = pageOf(ImportView);
export type ImportPage = z.infer<typeof ImportPage>;
export const ImportUploadQuery = z.strictObject({ fileName: z.string().trim().min(1).max(200) });
