import type { IndicatorArea, IndicatorBreakdown, IndicatorDirection, IndicatorUnit } from '@jinguo/domain';

/**
 * The default catalogue: indicators of the two national outlines (国发〔2021〕16号) that a county plan usually
 * carries, with the member unit that reports each (matched by department name when the federation's tree has
 * that department, else the federation itself). Targets marked verified are from the sources in domain.md §5
 * ([S]); the others ([G]) are written as plans commonly state them and must be checked against the issued plan.
 */
export type DefaultIndicator = {
  code: string;
  area: IndicatorArea;
  name: string;
  unit: IndicatorUnit;
  unitLabel?: string;
  direction: IndicatorDirection;
  target?: number;
  tolerance?: number;
  baselineYear?: number;
  baselineValue?: number;
  /** The reporting member unit by name; null = the federation itself. */
  department: string | null;
  breakdowns?: IndicatorBreakdown[];
  reviewThresholdPercent?: number;
  definition: string;
  targetVerified: boolean;
};

const HEALTH = '区卫生健康局';
const EDUCATION = '区教育局';
const CIVIL = '区民政局';
const HR = '区人力资源和社会保障局';
const ORGANISATION = '区委组织部';

export const DEFAULT_INDICATORS: DefaultIndicator[] = [
  // ------------------------------------------------------------ 妇女发展纲要
  { code: 'W1.01', area: 'W_HEALTH', name: '孕产妇死亡率', unit: 'per_100k', direction: 'lte', target: 12, baselineYear: 2020, baselineValue: 16.9, department: HEALTH, breakdowns: ['total', 'urban', 'rural'], reviewThresholdPercent: 50, definition: '年内孕产妇死亡人数 ÷ 同期活产数 × 10万。来源：妇幼卫生年报。', targetVerified: true },
  { code: 'W1.02', area: 'W_HEALTH', name: '适龄妇女宫颈癌人群筛查率', unit: 'percent', direction: 'gte', target: 70, department: HEALTH, definition: '35–64岁妇女中近5年接受过宫颈癌筛查的人数 ÷ 35–64岁妇女人数。按乡镇（街道）填报分子分母，区级数据由乡镇汇总。来源：妇幼卫生年报。', targetVerified: true },
  { code: 'W1.03', area: 'W_HEALTH', name: '适龄妇女乳腺癌人群筛查率', unit: 'percent', direction: 'rising', department: HEALTH, definition: '35–64岁妇女中近5年接受过乳腺癌筛查的人数 ÷ 35–64岁妇女人数。来源：妇幼卫生年报。', targetVerified: false },
  { code: 'W1.04', area: 'W_HEALTH', name: '艾滋病母婴传播率', unit: 'percent', direction: 'lt', target: 2, department: HEALTH, definition: '感染艾滋病的孕产妇所生儿童中感染艾滋病的人数 ÷ 感染艾滋病的孕产妇所生儿童数。', targetVerified: true },
  { code: 'W1.05', area: 'W_HEALTH', name: '孕产妇系统管理率', unit: 'percent', direction: 'gte', target: 90, department: HEALTH, definition: '按系统管理程序要求接受产前检查和产后访视的产妇人数 ÷ 活产数。', targetVerified: false },
  { code: 'W2.01', area: 'W_EDUCATION', name: '女性高中阶段毛入学率', unit: 'percent', direction: 'gte', target: 92, department: EDUCATION, definition: '高中阶段在校女生数 ÷ 15–17岁女性人口数。来源：教育事业统计。', targetVerified: false },
  { code: 'W2.02', area: 'W_EDUCATION', name: '女性平均受教育年限', unit: 'number', unitLabel: '年', direction: 'rising', department: '区统计局', definition: '6岁及以上女性人口的平均受教育年限。来源：人口抽样调查。', targetVerified: false },
  { code: 'W3.01', area: 'W_ECONOMY', name: '就业人员中女性比例', unit: 'percent', direction: 'about', target: 45, tolerance: 2, baselineYear: 2020, baselineValue: 43.5, department: HR, definition: '女性就业人员数 ÷ 就业人员总数。允许偏差±2个百分点。', targetVerified: true },
  { code: 'W3.02', area: 'W_ECONOMY', name: '城镇单位就业人员中女性比例', unit: 'percent', direction: 'about', target: 40, tolerance: 2, department: HR, definition: '城镇非私营单位女性就业人员数 ÷ 城镇非私营单位就业人员数。', targetVerified: true },
  { code: 'W3.03', area: 'W_ECONOMY', name: '高级专业技术人员中女性比例', unit: 'percent', direction: 'gte', target: 40, department: HR, definition: '具有高级专业技术职称的女性人数 ÷ 具有高级专业技术职称的人数。', targetVerified: false },
  { code: 'W4.01', area: 'W_DECISION', name: '村委会成员中女性比例', unit: 'percent', direction: 'gte', target: 30, department: CIVIL, definition: '村民委员会女性成员数 ÷ 村民委员会成员数（换届后年末数）。', targetVerified: false },
  { code: 'W4.02', area: 'W_DECISION', name: '居委会成员中女性比例', unit: 'percent', direction: 'about', target: 50, tolerance: 5, department: CIVIL, definition: '居民委员会女性成员数 ÷ 居民委员会成员数。', targetVerified: false },
  { code: 'W4.03', area: 'W_DECISION', name: '区人大代表中女性比例', unit: 'percent', direction: 'rising', department: ORGANISATION, definition: '区人大代表中女性人数 ÷ 区人大代表总数。', targetVerified: false },
  { code: 'W4.04', area: 'W_DECISION', name: '区政协委员中女性比例', unit: 'percent', direction: 'rising', department: ORGANISATION, definition: '区政协委员中女性人数 ÷ 区政协委员总数。', targetVerified: false },
  { code: 'W4.05', area: 'W_DECISION', name: '区直部门领导班子中女干部比例', unit: 'percent', direction: 'rising', department: ORGANISATION, definition: '区直部门领导班子中女干部人数 ÷ 领导班子成员数。', targetVerified: false },
  { code: 'W5.01', area: 'W_SOCIAL_SECURITY', name: '女性基本医疗保险参保率', unit: 'percent', direction: 'gte', target: 95, department: '区医疗保障局', definition: '参加基本医疗保险的女性人数 ÷ 女性常住人口数。', targetVerified: false },
  { code: 'W5.02', area: 'W_SOCIAL_SECURITY', name: '女性基本养老保险参保率', unit: 'percent', direction: 'about', target: 95, tolerance: 2, department: HR, definition: '参加基本养老保险的适龄女性人数 ÷ 适龄女性人数。', targetVerified: false },
  { code: 'W5.03', area: 'W_SOCIAL_SECURITY', name: '女性失业保险参保人数', unit: 'number', unitLabel: '人', direction: 'rising', department: HR, definition: '年末参加失业保险的女性人数。', targetVerified: false },
  { code: 'W6.01', area: 'W_FAMILY', name: '城乡社区家庭教育指导服务站点覆盖率', unit: 'percent', direction: 'gte', target: 90, department: null, definition: '建有家长学校或家庭教育指导服务站点的城乡社区数 ÷ 城乡社区数。来源：妇联工作统计。', targetVerified: false },
  { code: 'W6.02', area: 'W_FAMILY', name: '最美家庭等家庭文明创建活动参与户数', unit: 'number', unitLabel: '户', direction: 'rising', department: null, definition: '年内参加各级最美家庭、五好家庭等创建活动的家庭户数。', targetVerified: false },
  { code: 'W7.01', area: 'W_ENVIRONMENT', name: '农村卫生厕所普及率', unit: 'percent', direction: 'rising', department: '区农业农村局', definition: '使用卫生厕所的农户数 ÷ 农户总数。', targetVerified: false },
  { code: 'W8.01', area: 'W_LAW', name: '家庭暴力警情数', unit: 'number', unitLabel: '件', direction: 'falling', department: '区公安分局', definition: '公安机关年内接报的家庭暴力警情数。', targetVerified: false },
  { code: 'W8.02', area: 'W_LAW', name: '人身安全保护令签发数', unit: 'number', unitLabel: '份', direction: 'rising', department: '区人民法院', definition: '人民法院年内签发的人身安全保护令份数（反映保护令制度的运用）。', targetVerified: false },
  { code: 'W8.03', area: 'W_LAW', name: '妇联受理妇女维权信访办结率', unit: 'percent', direction: 'gte', target: 95, department: null, definition: '年内办结的妇女维权信访件数 ÷ 受理件数。来源：妇联信访统计。', targetVerified: false },
  // ------------------------------------------------------------ 儿童发展纲要
  { code: 'C1.01', area: 'C_HEALTH', name: '新生儿死亡率', unit: 'permille', direction: 'lt', target: 3, baselineYear: 2020, baselineValue: 3.4, department: HEALTH, breakdowns: ['total', 'female', 'male'], reviewThresholdPercent: 50, definition: '年内新生儿（出生28天内）死亡数 ÷ 同期活产数 × 1000。', targetVerified: true },
  { code: 'C1.02', area: 'C_HEALTH', name: '婴儿死亡率', unit: 'permille', direction: 'lt', target: 5, baselineYear: 2020, baselineValue: 5.4, department: HEALTH, breakdowns: ['total', 'female', 'male'], reviewThresholdPercent: 50, definition: '年内婴儿（1岁以内）死亡数 ÷ 同期活产数 × 1000。', targetVerified: true },
  { code: 'C1.03', area: 'C_HEALTH', name: '5岁以下儿童死亡率', unit: 'permille', direction: 'lt', target: 6, baselineYear: 2020, baselineValue: 7.5, department: HEALTH, breakdowns: ['total', 'female', 'male'], reviewThresholdPercent: 50, definition: '年内5岁以下儿童死亡数 ÷ 同期活产数 × 1000。', targetVerified: true },
  { code: 'C1.04', area: 'C_HEALTH', name: '每千名儿童儿科执业（助理）医师数', unit: 'per_1000', direction: 'gte', target: 1.12, department: HEALTH, definition: '儿科执业（助理）医师数 ÷ 0–14岁儿童数 × 1000。', targetVerified: true },
  { code: 'C1.05', area: 'C_HEALTH', name: '每千名儿童医疗机构床位数', unit: 'per_1000', direction: 'gte', target: 3.17, department: HEALTH, definition: '医疗机构儿科床位数 ÷ 0–14岁儿童数 × 1000。', targetVerified: true },
  { code: 'C1.06', area: 'C_HEALTH', name: '5岁以下儿童贫血患病率', unit: 'percent', direction: 'lt', target: 10, department: HEALTH, definition: '5岁以下儿童血红蛋白检测中贫血人数 ÷ 检测人数。', targetVerified: false },
  { code: 'C1.07', area: 'C_HEALTH', name: '5岁以下儿童生长迟缓率', unit: 'percent', direction: 'lt', target: 5, department: HEALTH, definition: '5岁以下儿童身高（长）别年龄低于标准中位数2个标准差的人数 ÷ 体检人数。', targetVerified: false },
  { code: 'C1.08', area: 'C_HEALTH', name: '0–6个月婴儿纯母乳喂养率', unit: 'percent', direction: 'gte', target: 50, department: HEALTH, definition: '0–6个月婴儿中纯母乳喂养人数 ÷ 调查人数。', targetVerified: false },
  { code: 'C1.09', area: 'C_HEALTH', name: '适龄儿童免疫规划疫苗接种率', unit: 'percent', direction: 'gte', target: 90, department: HEALTH, definition: '按乡镇（街道）统计的适龄儿童免疫规划疫苗全程接种人数 ÷ 应接种人数。', targetVerified: false },
  { code: 'C2.01', area: 'C_SAFETY', name: '儿童伤害死亡率', unit: 'per_100k', direction: 'falling', baselineYear: 2020, department: HEALTH, definition: '0–17岁儿童因伤害死亡人数 ÷ 0–17岁儿童数 × 10万。纲要目标为比2020年下降20%。', targetVerified: false },
  { code: 'C2.02', area: 'C_SAFETY', name: '拐卖儿童案件立案数', unit: 'number', unitLabel: '件', direction: 'falling', department: '区公安分局', definition: '公安机关年内立案的拐卖儿童案件数。', targetVerified: false },
  { code: 'C3.01', area: 'C_EDUCATION', name: '学前教育毛入园率', unit: 'percent', direction: 'gte', target: 90, department: EDUCATION, definition: '幼儿园在园幼儿数 ÷ 3–5岁儿童人数。', targetVerified: false },
  { code: 'C3.02', area: 'C_EDUCATION', name: '九年义务教育巩固率', unit: 'percent', direction: 'gte', target: 96, department: EDUCATION, definition: '初中毕业班学生数 ÷ 该年级入小学一年级时的学生数。', targetVerified: false },
  { code: 'C3.03', area: 'C_EDUCATION', name: '高中阶段毛入学率', unit: 'percent', direction: 'gte', target: 92, department: EDUCATION, breakdowns: ['total', 'female', 'male'], definition: '高中阶段在校生数 ÷ 15–17岁人口数。', targetVerified: false },
  { code: 'C3.04', area: 'C_EDUCATION', name: '普惠性幼儿园覆盖率', unit: 'percent', direction: 'gte', target: 85, department: EDUCATION, definition: '普惠性幼儿园在园幼儿数 ÷ 在园幼儿总数。', targetVerified: false },
  { code: 'C4.01', area: 'C_WELFARE', name: '集中养育孤儿基本生活费标准', unit: 'number', unitLabel: '元/月', direction: 'rising', department: CIVIL, definition: '每名集中养育孤儿每月基本生活费保障标准。', targetVerified: false },
  { code: 'C4.02', area: 'C_WELFARE', name: '城乡社区儿童之家覆盖率', unit: 'percent', direction: 'gte', target: 90, department: CIVIL, definition: '建有儿童之家的城乡社区数 ÷ 城乡社区数。', targetVerified: false },
  { code: 'C5.01', area: 'C_FAMILY', name: '家长学校覆盖率（中小学、幼儿园）', unit: 'percent', direction: 'gte', target: 90, department: null, definition: '建有家长学校的中小学、幼儿园数 ÷ 中小学、幼儿园总数。来源：妇联、教育部门。', targetVerified: false },
  { code: 'C5.02', area: 'C_FAMILY', name: '家庭教育指导服务活动场次', unit: 'number', unitLabel: '场', direction: 'rising', department: null, definition: '年内妇联组织开展的家庭教育讲座、培训、咨询等活动场次。', targetVerified: false },
  { code: 'C6.01', area: 'C_ENVIRONMENT', name: '城市空气质量优良天数比率', unit: 'percent', direction: 'gte', target: 87.5, department: '区生态环境局', definition: '空气质量优良天数 ÷ 有效监测天数。', targetVerified: false },
  { code: 'C6.02', area: 'C_ENVIRONMENT', name: '儿童友好社区创建数', unit: 'number', unitLabel: '个', direction: 'rising', department: CIVIL, definition: '年末累计建成的儿童友好社区数。', targetVerified: false },
  { code: 'C7.01', area: 'C_LAW', name: '未成年人犯罪人数占同期犯罪人数的比重', unit: 'percent', direction: 'falling', department: '区人民法院', definition: '判决生效的未成年罪犯人数 ÷ 同期判决生效的罪犯人数。', targetVerified: false },
  { code: 'C7.02', area: 'C_LAW', name: '法律援助受援未成年人数', unit: 'number', unitLabel: '人', direction: 'rising', department: '区司法局', definition: '年内获得法律援助的未成年人人数。', targetVerified: false },
];
