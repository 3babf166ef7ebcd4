import { z } from 'zod';
import type { RouteModule } from '../../http';

const tags = ['公开信息'];

export const publicRoutes: RouteModule = (app, deps) => {
  app.get('/api/public/site', {
    schema: {
      tags,
      summary: '站点信息',
      response: { 200: z.object({ cityCode: z.string(), cityName: z.string(), bureauName: z.string(), demo: z.boolean() }) },
    },
    config: { access: { auth: 'none' } },
  }, async () => {
    const root = await deps.db.selectFrom('units').select(['name', 'regionCodes']).where('parentId', 'is', null).orderBy('id').executeTakeFirst();
    const city = await deps.db.selectFrom('regions').select('name').where('code', '=', deps.config.cityCode).executeTakeFirst();
    const cityName = city?.name ?? '';
    return {
      cityCode: deps.config.cityCode,
      cityName,
      bureauName: root ? `${root.name}（${cityName}知识产权局）` : '',
      demo: deps.config.demo,
    };
  });

  app.get('/api/public/units', {
    schema: {
      tags,
      summary: '机构名录（市级局与县级局的公开信息）',
      response: {
        200: z.array(
          z.object({ id: z.number(), parentId: z.number().nullable(), name: z.string(), kind: z.string(), regionCodes: z.array(z.string()), regionNames: z.array(z.string()), phone: z.string().nullable(), address: z.string().nullable() }),
        ),
      },
    },
    config: { access: { auth: 'none' } },
  }, async () => {
    const units = await deps.db
      .selectFrom('units')
      .select(['id', 'parentId', 'name', 'kind', 'regionCodes', 'phone', 'address'])
      .where('kind', 'in', ['cityBureau', 'countyBureau'])
      .where('enabled', '=', true)
      // Siblings in their configured order (a text path would put /1/10/ before /1/2/).
      .orderBy('sort')
      .orderBy('id')
      .execute();
    const codes = [...new Set(units.flatMap((u) => u.regionCodes))];
    const names = codes.length ? await deps.db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute() : [];
    const byCode = new Map(names.map((r) => [r.code, r.name]));
    return units.map((u) => ({ ...u, regionNames: u.regionCodes.map((c) => byCode.get(c) ?? c) }));
  });
};
