import { maskPhone } from '@zhichan/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { Deps } from '../../deps';

const NOTE = '示例数据：虚构人员，仅供演示，正式使用前请停用或删除。';

/** Fictitious people (X某X names, 138 0000 phones); the first is linked to the demo account `mediator`. */
const DEMO_MEDIATORS = [
  { name: '张某明', kind: 'peopleMediator', employer: '泰安市知识产权纠纷人民调解委员会', title: '专职人民调解员', expertise: ['patent', 'law'], technicalFields: ['机械', '电子信息'], certificates: '人民调解员证', account: 'mediator' },
  { name: '李某华', kind: 'specialMediator', employer: '山东某某律师事务所', title: '律师', expertise: ['patent', 'trademark', 'law'], technicalFields: [], certificates: '律师执业证；人民法院特邀调解员', account: null },
  { name: '王某平', kind: 'expert', employer: '某某大学机械与电子工程学院', title: '教授', expertise: ['patent', 'contract'], technicalFields: ['机械', '自动化'], certificates: '高级工程师', account: null },
  { name: '赵某强', kind: 'expert', employer: '泰安某某专利代理事务所', title: '专利代理师', expertise: ['patent'], technicalFields: ['化工', '材料'], certificates: '专利代理师资格证', account: null },
  { name: '刘某芳', kind: 'peopleMediator', employer: '泰安市知识产权纠纷人民调解委员会', title: '人民调解员', expertise: ['trademark', 'geographicalIndication'], technicalFields: ['食品', '农产品'], certificates: '人民调解员证', account: null },
  { name: '陈某杰', kind: 'specialMediator', employer: '山东某某律师事务所泰安分所', title: '律师', expertise: ['tradeSecret', 'contract', 'law'], technicalFields: ['软件'], certificates: '律师执业证；人民法院特邀调解员', account: null },
  { name: '孙某丽', kind: 'expert', employer: '泰安市某某研究院', title: '研究员', expertise: ['patent', 'geographicalIndication'], technicalFields: ['生物医药', '农产品'], certificates: '正高级工程师', account: null },
] as const;

/**
 * The demo 人民调解员专家库 of the city bureau (demo = true), seeded once on a first start with DEMO=true, so the demo and
 * the tests can assign mediators. 王某平 declared an interest in a fictitious company (to show 回避).
 */
export async function seedDemoMediators(trx: Transaction<Database>, deps: Deps): Promise<number> {
  const city = await trx.selectFrom('units').select('id').where('parentId', 'is', null).orderBy('id').executeTakeFirst();
  if (!city) return 0;
  const existing = await trx.selectFrom('mediators').select('id').where('demo', '=', true).executeTakeFirst();
  if (existing) return 0;
  const account = await trx.selectFrom('users').select('id').where('username', '=', 'mediator').executeTakeFirst();
  const now = deps.clock.now().toISOString();
  let i = 0;
  for (const m of DEMO_MEDIATORS) {
    i++;
    const phone = `1380000${String(i).padStart(4, '0')}`;
    const row = await trx
      .insertInto('mediators')
      .values({
        unitId: city.id,
        userId: m.account && account ? account.id : null,
        name: m.name,
        kind: m.kind,
        employer: m.employer,
        title: m.title,
        expertise: [...m.expertise],
        technicalFields: [...m.technicalFields],
        certificates: m.certificates,
        phoneEnc: deps.cipher.encrypt(phone),
        phoneMasked: maskPhone(phone),
        available: true,
        unavailableUntil: null,
        active: true,
        note: NOTE,
        demo: true,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (m.name === '王某平') {
      await trx
        .insertInto('mediatorConflicts')
        .values({ mediatorId: row.id, partyName: '泰安某某机械制造有限公司', partyUscc: null, relation: '担任其技术顾问', declaredOn: now.slice(0, 10), createdBy: null, createdAt: now })
        .execute();
    }
  }
  return DEMO_MEDIATORS.length;
}
