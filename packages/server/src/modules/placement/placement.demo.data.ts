import { isValidCreditCode, type NotHiredReason, type WorkHours } from '@jinguo/domain';

// The demo 职介所's records as data: employers, vacancies, who found which work, where the women live.

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A 统一社会信用代码 from its first 17 characters: the check character that makes it valid. */
export function creditCode(base17: string): string {
  for (const c of CODE_CHARS) if (isValidCreditCode(base17 + c)) return base17 + c;
  throw new Error(`no check character for ${base17}`);
}

export type EmployerSeed = { key: string; name: string; code: string; industry: string; address: string; contact: string; phone: string };
export const EMPLOYERS: EmployerSeed[] = [
  {
    key: 'insurance',
    name: '中国平安人寿保险股份有限公司示例中心支公司',
    code: '91510300MA6200001',
    industry: '保险',
    address: '示例区东城街道人民路88号',
    contact: '何经理',
    phone: '13908130001',
  },
  {
    key: 'housekeeping',
    name: '示例区巾帼家政服务有限公司',
    code: '91510399MA6200002',
    industry: '居民服务',
    address: '示例区西城街道锦绣路12号',
    contact: '罗女士',
    phone: '13908130002',
  },
  {
    key: 'eldercare',
    name: '示例区康宁养老服务中心',
    code: '52510399MJ6200003',
    industry: '养老服务',
    address: '示例区南湖街道湖畔路6号',
    contact: '邓院长',
    phone: '13908130003',
  },
  {
    key: 'farm',
    name: '示例区绿源果蔬种植专业合作社',
    code: '93510399MA6200004',
    industry: '农业',
    address: '示例区牛佛镇石桥村',
    contact: '刘社长',
    phone: '13908130004',
  },
  {
    key: 'market',
    name: '示例区惠民超市有限公司',
    code: '91510399MA6200005',
    industry: '零售',
    address: '示例区北岸街道滨江路20号',
    contact: '周店长',
    phone: '13908130005',
  },
  {
    key: 'ningbo',
    name: '宁波市甬江家政服务有限公司',
    code: '91330200MA2800006',
    industry: '居民服务',
    address: '浙江省宁波市海曙区中山西路100号',
    contact: '陈经理',
    phone: '13957400006',
  },
];

export type VacancySeed = {
  key: string;
  employer: string;
  title: string;
  skills: string[];
  hours: WorkHours;
  positions: number;
  wage: [number, number];
  location: string | null;
  locationText: string;
  published: string;
  age?: [number, number];
};
export const VACANCIES: VacancySeed[] = [
  {
    key: 'sales',
    employer: 'insurance',
    title: '保险代理人',
    skills: ['营销'],
    hours: 'flexible',
    positions: 6,
    wage: [200000, 500000],
    location: '东城街道',
    locationText: '东城街道人民路',
    published: '2026-03-20',
  },
  {
    key: 'maid',
    employer: 'housekeeping',
    title: '家政服务员',
    skills: ['家政服务'],
    hours: 'full_time',
    positions: 10,
    wage: [280000, 380000],
    location: '东城街道',
    locationText: '东城街道（城区）',
    published: '2026-04-01',
  },
  {
    key: 'nanny',
    employer: 'housekeeping',
    title: '育婴员',
    skills: ['育婴'],
    hours: 'full_time',
    positions: 5,
    wage: [350000, 450000],
    location: '西城街道',
    locationText: '西城街道',
    published: '2026-09-01',
    age: [22, 55],
  },
  {
    key: 'carer',
    employer: 'eldercare',
    title: '养老护理员',
    skills: ['养老护理'],
    hours: 'full_time',
    positions: 10,
    wage: [260000, 320000],
    location: '南湖街道',
    locationText: '南湖街道湖畔路',
    published: '2026-06-10',
  },
  {
    key: 'grower',
    employer: 'farm',
    title: '果蔬种植工',
    skills: ['种植'],
    hours: 'part_time',
    positions: 10,
    wage: [150000, 220000],
    location: '牛佛镇',
    locationText: '牛佛镇石桥村',
    published: '2026-04-25',
  },
  {
    key: 'cashier',
    employer: 'market',
    title: '收银员',
    skills: ['收银'],
    hours: 'full_time',
    positions: 3,
    wage: [220000, 260000],
    location: '北岸街道',
    locationText: '北岸街道滨江路',
    published: '2026-10-15',
  },
  {
    key: 'ningbo',
    employer: 'ningbo',
    title: '家政服务员（宁波）',
    skills: ['家政服务'],
    hours: 'full_time',
    positions: 15,
    wage: [500000, 650000],
    location: null,
    locationText: '浙江省宁波市',
    published: '2026-06-01',
  },
];

/** Which trainees (by session topic) found which work: the training course's six sessions and their re-employed women. */
export const PLAN: { topic: string; skill: string; hired: { vacancy: string; n: number }[]; exported?: number }[] = [
  { topic: '科学种养（一）', skill: '种植', hired: [{ vacancy: 'grower', n: 5 }] },
  { topic: '庭院经济', skill: '养殖', hired: [{ vacancy: 'sales', n: 3 }] },
  { topic: '家政服务（一）', skill: '家政服务', hired: [{ vacancy: 'maid', n: 3 }], exported: 12 },
  { topic: '科学种养（二）', skill: '种植', hired: [{ vacancy: 'grower', n: 4 }] },
  { topic: '家政服务（二）', skill: '家政服务', hired: [{ vacancy: 'maid', n: 6 }] },
  {
    topic: '育婴与养老护理',
    skill: '养老护理',
    hired: [
      { vacancy: 'carer', n: 8 },
      { vacancy: 'nanny', n: 4 },
    ],
  },
];

export const RESIDENCES = [
  '大山村',
  '石桥村',
  '永红村',
  '新民村',
  '仙滩村',
  '何家村',
  '沿江村',
  '黄桷村',
  '东兴社区',
  '春华社区',
  '锦绣社区',
  '湖畔社区',
];
export const NOT_HIRED: NotHiredReason[] = ['employer_declined', 'wage', 'location', 'seeker_declined', 'hours', 'skills'];
