import { z } from 'zod';

// Validation messages in Chinese on server and web alike (zod ships the zh-CN locale).
z.config(z.locales.zhCN());

export const IdParam = z.object({ id: z.coerce.number().int().positive().max(2147483647) });
export type IdParam = z.infer<typeof IdParam>;

export const IsoDateString = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const OkDto = z.object({ ok: z.literal(true) });
