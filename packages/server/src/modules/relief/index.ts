import type { JinguoModule } from '../module.js';
import { seedReliefDemo } from './relief.demo.js';
import { reliefFacts } from './relief.facts.js';
import { registerReliefRoutes } from './relief.routes.js';
import { createReliefService } from './relief.service.js';

export const reliefModule: JinguoModule = {
  name: 'relief',
  sensitiveRoutes: ['/api/relief'],
  routes(app, deps) {
    registerReliefRoutes(app, createReliefService(deps), deps.idempotency);
  },
  facts: () => reliefFacts(),
  summary: [
    {
      module: 'relief',
      order: 20,
      heading: '贫困母亲救助行动',
      paragraphs: [
        '以“小康路上不让一个姐妹掉队”为主题开展“贫困母亲救助行动”，通过摸底调查，筛选出{relief.reported?programme=POOR_MOTHER&level=province}名贫困母亲上报省妇联，{relief.reported?programme=POOR_MOTHER&level=city}名家庭年人均收入{relief.reported.incomePerCapita?programme=POOR_MOTHER}元的贫困母亲上报市妇联，争取资金帮扶政策。截至目前，已争取到资金{funds.raised.cash?programme=POOR_MOTHER}元，医疗物资价值{funds.raised.goods?programme=POOR_MOTHER}元，已向贫困母亲发放救助资金{funds.paid.cash?programme=POOR_MOTHER}元、物资价值{funds.paid.goods?programme=POOR_MOTHER}元。',
        '实施低收入妇女“两癌”救助，确定救助对象{relief.granted?programme=TWO_CANCER}名，发放救助金{funds.paid.cash?programme=TWO_CANCER}元，全部通过银行转账发放。',
      ],
    },
    {
      module: 'relief',
      order: 25,
      heading: '抗旱救助',
      paragraphs: [
        '在抗旱工作中，补助受灾贫困母亲{relief.granted?programme=DROUGHT}名、现金{funds.paid.cash?programme=DROUGHT}元，给受灾村送去价值{funds.paid.goods?programme=DROUGHT}元的化肥，缓解了受灾群众的生产生活困难。',
      ],
    },
  ],
  seedDemo: seedReliefDemo,
};

// The front door: what other modules may use of relief.
export { findProgrammeByCodeFor } from './relief.repository.js';
export { programmeCatalogue } from './relief.catalogue.js';
