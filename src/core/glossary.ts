/**
 * One English name per domain term, used in code, API and database alike. No pinyin identifiers.
 */
export const GLOSSARY = {
  取号: 'ticket',
  排队号: 'ticket number',
  证照调取: 'certificate retrieval',
  免证办: 'certificate-free retrieval',
  电子证照: 'e-certificate',
  用证记录: 'usage log',
  自助申办: 'self-service case',
  办件: 'case',
  办件查询: 'progress',
  办事回执: 'receipt',
  好差评: 'evaluation',
  办事指南: 'service guide',
  事项: 'service item',
  容缺受理: 'accept-with-missing-material',
  告知承诺: 'commitment-in-lieu-of-proof',
  即办件: 'instant-decision item',
  承诺件: 'promised-time item',
  适老化: 'elder mode',
  效能督查: 'efficiency supervision',
  黄牌: 'yellow card',
  红牌: 'red card',
  调休: 'adjusted working day',
  自助终端: 'self-service terminal',
} as const;
