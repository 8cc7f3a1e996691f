import { prng } from '../../electron/demo/generate';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '../../shared/validation/creditCode';

/**
 * Synthetic enterprises for the million-row benchmark: Hunan place names, a few hundred
 * trade-name characters (about 40k two-character trade names), real industry words and the
 * three kinds of market entities, so hit counts of 2- to 6-character fragments look like a
 * provincial register rather than the demo's small vocabulary. Deterministic for a seed.
 */
export interface SyntheticEnterprise {
  creditCode: string;
  name: string;
  kind: '企业' | '个体工商户' | '农民专业合作社';
  address: string;
  legalRep: string;
  industry: string;
  park: string | null;
  grade: '绿' | '蓝' | '黄' | '橙' | '红';
  whitelist: boolean;
  keySupervision: boolean;
}

const CITIES: readonly { name: string; code: string; districts: readonly string[] }[] = [
  { name: '湘潭', code: '4303', districts: ['雨湖区', '岳塘区', '湘潭县', '湘乡市', '韶山市'] },
  { name: '长沙', code: '4301', districts: ['芙蓉区', '天心区', '岳麓区', '开福区', '雨花区', '望城区', '长沙县', '浏阳市', '宁乡市'] },
  { name: '株洲', code: '4302', districts: ['荷塘区', '芦淞区', '石峰区', '天元区', '渌口区', '攸县', '茶陵县', '炎陵县', '醴陵市'] },
  { name: '衡阳', code: '4304', districts: ['珠晖区', '雁峰区', '石鼓区', '蒸湘区', '南岳区', '衡阳县', '衡南县', '衡山县', '衡东县', '祁东县', '耒阳市', '常宁市'] },
  { name: '邵阳', code: '4305', districts: ['双清区', '大祥区', '北塔区', '新邵县', '邵阳县', '隆回县', '洞口县', '绥宁县', '新宁县', '武冈市'] },
  { name: '岳阳', code: '4306', districts: ['岳阳楼区', '云溪区', '君山区', '岳阳县', '华容县', '湘阴县', '平江县', '汨罗市', '临湘市'] },
  { name: '常德', code: '4307', districts: ['武陵区', '鼎城区', '安乡县', '汉寿县', '澧县', '临澧县', '桃源县', '石门县', '津市市'] },
  { name: '益阳', code: '4309', districts: ['资阳区', '赫山区', '南县', '桃江县', '安化县', '沅江市'] },
  { name: '郴州', code: '4310', districts: ['北湖区', '苏仙区', '桂阳县', '宜章县', '永兴县', '嘉禾县', '临武县', '汝城县', '资兴市'] },
  { name: '娄底', code: '4313', districts: ['娄星区', '双峰县', '新化县', '冷水江市', '涟源市'] },
];
const TOWN_HEADS = '易俗河花石射埠中路铺茶恩寺河口谭家山青山桥石鼓乌石白石杨嘉桥石潭云湖桥排头分水锦石梅林桥金石龙洞朱亭雷打石湘东白马垄东山新桥城关黄材双江口泉塘大瑶官庄永和';
const TOWN_SUFFIX = ['镇', '镇', '镇', '乡', '街道'];
const ROADS = ['天易大道', '金霞路', '韶峰路', '湘莲路', '建设北路', '建设南路', '新华路', '解放路', '胜利路', '工业园路', '商贸街', '人民路', '中山路', '车站路', '芙蓉大道', '韶山路', '五一大道', '劳动路', '书院路', '滨江路', '河东大道', '红旗路', '友谊路', '光明路', '迎宾路', '健康路', '文化路', '体育路', '科技路', '创业大道'];
const TRADE_CHARS =
  '鑫盛隆兴旺达通华泰瑞丰福祥安康和顺恒信诚利源金银宏伟明光辉德仁义美佳新天地星月阳春秋嘉荣昌茂博远航洲海江湖山峰林森云龙凤鹏鸿飞翔腾创智科技宇宙晨曦晟昊煜炜琪瑾璟珑锦绣蓝绿青紫红橙黄白黑万千百众合力亿元宝富贵吉庆喜乐欣悦永久长盈润泽沁清雅致远卓越精诚益民惠众康宁昭韶莲湘潭衡岳楚汉唐宋明清梦想未来时代世纪环球中南东西北方圆';
const INDUSTRIES: readonly { name: string; word: string; shop: string }[] = [
  { name: '食品制造业', word: '食品', shop: '食品店' },
  { name: '餐饮业', word: '餐饮管理', shop: '饭店' },
  { name: '餐饮业', word: '餐饮', shop: '粉馆' },
  { name: '零售业', word: '商贸', shop: '便利店' },
  { name: '零售业', word: '百货', shop: '超市' },
  { name: '批发业', word: '贸易', shop: '批发部' },
  { name: '医药制造业', word: '制药', shop: '药店' },
  { name: '医药零售', word: '医药连锁', shop: '大药房' },
  { name: '建筑材料', word: '建材', shop: '建材店' },
  { name: '机械制造', word: '机械制造', shop: '农机维修部' },
  { name: '化学原料和化学制品制造业', word: '化工', shop: '化工经营部' },
  { name: '住宿业', word: '酒店管理', shop: '旅馆' },
  { name: '农副食品加工业', word: '农产品加工', shop: '米粉店' },
  { name: '道路运输业', word: '物流', shop: '货运部' },
  { name: '特种设备', word: '电梯工程', shop: '锅炉维修部' },
  { name: '电气机械', word: '电气设备', shop: '电器商行' },
  { name: '汽车修理', word: '汽车服务', shop: '汽修厂' },
  { name: '印刷业', word: '印刷', shop: '广告印刷部' },
  { name: '纺织服装', word: '服饰', shop: '服装店' },
  { name: '家具制造', word: '家具', shop: '家具店' },
  { name: '酒、饮料制造', word: '酒业', shop: '烟酒店' },
  { name: '信息技术', word: '网络科技', shop: '手机店' },
  { name: '眼镜验配', word: '眼镜', shop: '眼镜店' },
  { name: '美容美发', word: '美容', shop: '理发店' },
  { name: '加油站', word: '石油销售', shop: '加油站' },
  { name: '燃气', word: '燃气', shop: '液化气站' },
];
const SUFFIXES = ['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司'];
const COOP = ['湘莲种植', '生猪养殖', '水稻种植', '蔬菜种植', '油茶种植', '水产养殖', '果蔬', '茶叶', '中药材种植', '农机'];
const SURNAMES = '王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰辉鹏红建国志海波宁晨欣怡涵浩然思远雨萱佳琪';
const GRADES = ['绿', '绿', '绿', '蓝', '蓝', '黄', '橙', '红'] as const;
const PARKS = ['湘潭经济技术开发区', '天易示范区', '高新技术产业开发区', null, null, null, null, null] as const;

/** Streams `count` synthetic enterprises; codes are unique by construction (a counter in the body). */
export function* syntheticEnterprises(count: number, seed = 42): Generator<SyntheticEnterprise> {
  const r = prng(seed);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(r() * xs.length)] as T;
  const town = (): string => {
    const i = Math.floor(r() * (TOWN_HEADS.length - 1));
    return TOWN_HEADS.slice(i, i + 2) + pick(TOWN_SUFFIX);
  };
  const trade = (): string => pick(TRADE_CHARS) + pick(TRADE_CHARS);
  for (let n = 0; n < count; n++) {
    const city = pick(CITIES);
    const district = pick(city.districts);
    const ind = pick(INDUSTRIES);
    const t = town();
    const roll = r();
    const kind: SyntheticEnterprise['kind'] = roll < 0.55 ? '企业' : roll < 0.9 ? '个体工商户' : '农民专业合作社';
    let name: string;
    if (kind === '企业') name = `${r() < 0.5 ? city.name : district.replace(/[区县市]$/u, '')}${trade()}${ind.word}${pick(SUFFIXES)}`;
    else if (kind === '个体工商户') name = r() < 0.5 ? `${district}${t.replace(/(镇|乡|街道)$/u, '')}${pick(SURNAMES)}记${ind.shop}` : `${district}${trade()}${ind.shop}`;
    else name = `${district}${t.replace(/(镇|乡|街道)$/u, '')}${trade()}${pick(COOP)}专业合作社`;
    // A counter in the organisation-code body keeps every code unique without a Set of a million strings.
    const body = String(n).padStart(8, '0');
    const region = `${city.code}${String(2 + city.districts.indexOf(district)).padStart(2, '0')}`;
    const first17 = `9${kind === '企业' ? '1' : kind === '个体工商户' ? '2' : '3'}${region}${body}${CREDIT_CODE_ALPHABET.charAt(n % 10)}`;
    const grade = pick(GRADES);
    yield {
      creditCode: first17 + creditCodeCheckChar(first17),
      name,
      kind,
      address: `湖南省${city.name}市${district}${t}${pick(ROADS)}${1 + Math.floor(r() * 999)}号`,
      legalRep: pick(SURNAMES) + pick(GIVEN) + (r() < 0.6 ? pick(GIVEN) : ''),
      industry: kind === '农民专业合作社' ? '农业' : ind.name,
      park: kind === '企业' ? pick(PARKS) : null,
      grade,
      whitelist: grade === '绿' && r() < 0.1,
      keySupervision: (grade === '橙' || grade === '红') && r() < 0.4,
    };
  }
}
