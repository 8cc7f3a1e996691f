import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../../shared/validation/creditCode';
import type { AuxiliaryType } from '../../shared/schemas/officer';
import { DEMO_ITEMS, type DemoItem } from './items';

/**
 * The demo archive: one county market-regulation bureau (湘潭县, region code 430321), two
 * agencies it inspects jointly with, 12 officers (one auxiliary, one certificate about to
 * expire, one expired), a few hundred enterprises with valid credit codes and the bureau's
 * published inspection item list (./items.ts). Everything is
 * drawn from a fixed seed, so every load gives the same archive; certificate dates are set
 * relative to the day of loading so the list always shows every status.
 */

export interface DemoAgency {
  key: string;
  name: string;
  shortName: string;
  level: '省' | '市' | '县' | '乡镇';
  creditCode: string;
  head: string;
  phone: string;
  complaintChannel: string;
  isOwn: boolean;
}
export interface DemoOfficer {
  agencyKey: string;
  name: string;
  post: string;
  phone: string;
  certNo: string | null;
  certValidFrom: string | null;
  certValidTo: string | null;
  kind: 'officer' | 'auxiliary';
  /** Set for auxiliary staff, who never inspect. */
  auxiliaryType: AuxiliaryType | null;
}
export interface DemoEnterprise {
  creditCode: string;
  name: string;
  kind: '企业' | '个体工商户' | '农民专业合作社';
  address: string;
  legalRep: string;
  phone: string;
  industry: string;
  park: string | null;
  grade: '绿' | '蓝' | '黄' | '橙' | '红';
  whitelist: boolean;
  keySupervision: boolean;
}
export interface DemoArchive {
  agencies: DemoAgency[];
  officers: DemoOfficer[];
  enterprises: DemoEnterprise[];
  /** The own agency's inspection item list. */
  items: readonly DemoItem[];
}

export const DEMO_SEED = 20250218;
export const DEMO_ENTERPRISES = 360;
const REGION = '430321';

/** mulberry32: small, fast, good enough for synthetic data; same seed, same sequence. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** GB 11714 organisation code: 8 body characters + check (weights 3 7 9 10 5 8 4 2, mod 11). */
function orgCode(r: () => number): string {
  const W = [3, 7, 9, 10, 5, 8, 4, 2];
  const body: string[] = [];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = i < 2 && r() < 0.3 ? pick(r, 'MA'.split('')) : String(Math.floor(r() * 10));
    body.push(c);
    const v = /\d/u.test(c) ? Number(c) : c.charCodeAt(0) - 55;
    sum += v * (W[i] ?? 0);
  }
  const v = 11 - (sum % 11);
  const check = v === 10 ? 'X' : v === 11 ? '0' : String(v);
  return body.join('') + check;
}

function creditCode(r: () => number, category: '1' | '2' | '3', used: Set<string>): string {
  for (;;) {
    const first17 = `9${category}${REGION}${orgCode(r)}`;
    if (![...first17].every((c) => CREDIT_CODE_ALPHABET.includes(c))) continue;
    const code = first17 + creditCodeCheckChar(first17);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * 86_400_000);
}

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰辉鹏红建国志勇海波宁晨欣怡子涵浩然思远雨萱佳琪';
const TOWNS = ['易俗河镇', '谭家山镇', '中路铺镇', '茶恩寺镇', '河口镇', '射埠镇', '花石镇', '青山桥镇', '石鼓镇', '乌石镇', '白石镇', '杨嘉桥镇', '石潭镇', '云湖桥镇', '排头乡', '分水乡', '锦石乡'];
const ROADS = ['天易大道', '金霞路', '韶峰路', '湘莲路', '建设北路', '新华路', '解放路', '胜利路', '工业园路', '商贸街'];
const TRADE = ['湘莲', '韶峰', '天易', '金霞', '云湖', '昭山', '花石', '涓水', '湘江', '隐山', '石潭', '盘龙', '鹏程', '恒信', '永盛', '兴旺', '宏达', '华泰', '瑞丰', '金穗', '福星', '顺通', '安康', '嘉禾'];
const INDUSTRIES: readonly { name: string; word: string; shop: string }[] = [
  { name: '食品制造业', word: '食品', shop: '食品店' },
  { name: '餐饮业', word: '餐饮管理', shop: '饭店' },
  { name: '零售业', word: '商贸', shop: '便利店' },
  { name: '医药制造业', word: '制药', shop: '药店' },
  { name: '建筑材料', word: '建材', shop: '建材店' },
  { name: '机械制造', word: '机械制造', shop: '农机维修部' },
  { name: '化学原料和化学制品制造业', word: '化工', shop: '化工经营部' },
  { name: '住宿业', word: '酒店管理', shop: '旅馆' },
  { name: '农副食品加工业', word: '农产品加工', shop: '米粉店' },
  { name: '道路运输业', word: '物流', shop: '货运部' },
];
const COOP = ['湘莲种植', '生猪养殖', '水稻种植', '蔬菜种植', '油茶种植', '水产养殖', '果蔬'];
const PARKS = ['湘潭县经济开发区', '天易示范区', null, null, null, null] as const;
const GRADES = ['绿', '绿', '绿', '蓝', '蓝', '黄', '橙', '红'] as const;

function personName(r: () => number): string {
  return pick(r, [...SURNAMES]) + pick(r, [...GIVEN]) + (r() < 0.6 ? pick(r, [...GIVEN]) : '');
}
function phone(r: () => number): string {
  return `1${pick(r, ['3', '5', '7', '8', '9'])}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`;
}

/** Builds the whole demo archive; `today` only moves certificate dates. */
export function generateDemoArchive(today: Date, enterpriseCount = DEMO_ENTERPRISES): DemoArchive {
  const r = prng(DEMO_SEED);
  const used = new Set<string>();
  const agencies: DemoAgency[] = [
    {
      key: 'amr',
      name: '湘潭县市场监督管理局',
      shortName: '湘县市监',
      level: '县',
      creditCode: '',
      head: '周建国',
      phone: '0731-57822315',
      complaintChannel: '12345 政务服务便民热线；湘潭县市场监督管理局投诉举报电话 0731-57822315',
      isOwn: true,
    },
    {
      key: 'yjj',
      name: '湘潭县应急管理局',
      shortName: '湘县应急',
      level: '县',
      creditCode: '',
      head: '谭志勇',
      phone: '0731-57850110',
      complaintChannel: '12345 政务服务便民热线',
      isOwn: false,
    },
    {
      key: 'sthj',
      name: '湘潭市生态环境局湘潭县分局',
      shortName: '湘县环境',
      level: '县',
      creditCode: '',
      head: '易海波',
      phone: '0731-57821266',
      complaintChannel: '12345 政务服务便民热线；12369 环保举报热线',
      isOwn: false,
    },
  ];
  // Agencies are organs of state (category 1, kind 1): 11 + region + org code + check.
  for (const a of agencies) {
    const first17 = `11${REGION}${orgCode(r)}`;
    a.creditCode = first17 + creditCodeCheckChar(first17);
  }

  const officers: DemoOfficer[] = [];
  const posts = ['执法大队大队长', '执法大队副大队长', '科长', '副科长', '一级科员', '二级科员', '四级主任科员', '所长'];
  for (let i = 0; i < 10; i++) {
    const validTo = i === 7 ? addDays(today, 12) : i === 8 ? addDays(today, -20) : addDays(today, 400 + Math.floor(r() * 900));
    officers.push({
      agencyKey: 'amr',
      name: personName(r),
      post: posts[i % posts.length] ?? '科员',
      phone: phone(r),
      certNo: `43030${String(21000 + i * 37).padStart(6, '0')}`,
      certValidFrom: isoDate(addDays(validTo, -5 * 365)),
      certValidTo: isoDate(validTo),
      kind: 'officer',
      auxiliaryType: null,
    });
  }
  officers.push({ agencyKey: 'amr', name: personName(r), post: '市场协管员', phone: phone(r), certNo: null, certValidFrom: null, certValidTo: null, kind: 'auxiliary', auxiliaryType: '辅助人员' });
  officers.push({
    agencyKey: 'yjj',
    name: personName(r),
    post: '安全生产执法大队队员',
    phone: phone(r),
    certNo: '430300210888',
    certValidFrom: isoDate(addDays(today, -700)),
    certValidTo: isoDate(addDays(today, 1000)),
    kind: 'officer',
    auxiliaryType: null,
  });

  const enterprises: DemoEnterprise[] = [];
  const names = new Set<string>();
  while (enterprises.length < enterpriseCount) {
    const town = pick(r, TOWNS);
    const ind = pick(r, INDUSTRIES);
    const roll = r();
    const kind: DemoEnterprise['kind'] = roll < 0.55 ? '企业' : roll < 0.9 ? '个体工商户' : '农民专业合作社';
    let name: string;
    if (kind === '企业') name = `湘潭${pick(r, TRADE)}${ind.word}有限公司`;
    else if (kind === '个体工商户') name = `湘潭县${town.replace(/[镇乡]$/u, '')}${pick(r, [...SURNAMES])}记${ind.shop}`;
    else name = `湘潭县${town.replace(/[镇乡]$/u, '')}${pick(r, TRADE)}${pick(r, COOP)}专业合作社`;
    if (names.has(name)) continue;
    names.add(name);
    const grade = pick(r, GRADES);
    enterprises.push({
      creditCode: creditCode(r, kind === '企业' ? '1' : kind === '个体工商户' ? '2' : '3', used),
      name,
      kind,
      address: `湖南省湘潭市湘潭县${town}${pick(r, ROADS)}${1 + Math.floor(r() * 300)}号`,
      legalRep: personName(r),
      phone: phone(r),
      industry: kind === '农民专业合作社' ? '农业' : ind.name,
      park: kind === '企业' ? pick(r, PARKS) : null,
      grade,
      whitelist: grade === '绿' && r() < 0.15,
      keySupervision: (grade === '橙' || grade === '红') && r() < 0.5,
    });
  }
  return { agencies, officers, enterprises, items: DEMO_ITEMS };
}
