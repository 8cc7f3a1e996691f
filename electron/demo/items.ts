import type { ItemFieldValues, ItemStatus } from '../../shared/schemas/item';

/**
 * The demo's inspection item list of 湘潭县市场监督管理局: eight 市场监管 items with the law
 * each rests on. Six are published (价格行为检查 in a second version that adds the 2022 rules),
 * 广告发布检查 was retired when it was merged into a wider item, and 药品经营检查 is still a
 * draft. Dates are fixed so every load gives the same list.
 */
export interface DemoItem {
  code: string;
  status: ItemStatus;
  /** Each version's fields and publication date (null: still a draft). Oldest first. */
  versions: { fields: ItemFieldValues; publishedAt: string | null }[];
  retiredAt?: string;
  retireReason?: string;
}

const AGENCY = '湘潭县市场监督管理局';
const PUBLISHED = '2025-03-28T02:00:00.000Z';

function fields(f: Omit<ItemFieldValues, 'subject' | 'level' | 'remark'> & { remark?: string }): ItemFieldValues {
  return { subject: AGENCY, level: '县', remark: f.remark ?? null, ...f };
}

const priceV1 = fields({
  name: '价格行为检查',
  basis: '《中华人民共和国价格法》第三十四条；《价格违法行为行政处罚规定》',
  undertakingUnit: '价格监督检查和反不正当竞争股；各市场监督管理所',
  target: '辖区内经营者（含商场超市、农贸市场、加油站、医疗机构、停车场等）',
  content: '明码标价执行情况；是否存在价格欺诈、哄抬价格、低价倾销等不正当价格行为；政府定价、政府指导价执行情况',
  method: '现场检查；非现场检查（网络巡查、书面核查）',
  frequency: '双随机抽查，年度抽查比例不低于 3%；投诉举报等触发式检查据实开展',
});

export const DEMO_ITEMS: readonly DemoItem[] = [
  {
    code: '001',
    status: 'published',
    versions: [
      {
        publishedAt: PUBLISHED,
        fields: fields({
          name: '食品生产经营检查',
          basis: '《中华人民共和国食品安全法》第八十七条、第一百一十条；《食品生产经营监督检查管理办法》（国家市场监督管理总局令第49号）',
          undertakingUnit: '食品生产安全监督管理股；食品经营安全监督管理股；各市场监督管理所',
          target: '辖区内取得食品生产、食品经营许可或者备案的食品生产经营者',
          content: '许可（备案）事项、从业人员健康管理、进货查验和记录、生产经营过程控制、贮存运输、标签标识、食品安全自查等情况',
          method: '现场检查；非现场检查（书面核查、远程视频）',
          frequency: '按风险分级：日常检查同一主体每年不超过 2 次；风险等级高的可按规定报批后增加',
        }),
      },
    ],
  },
  {
    code: '002',
    status: 'published',
    versions: [
      {
        publishedAt: PUBLISHED,
        fields: fields({
          name: '特种设备安全检查',
          basis: '《中华人民共和国特种设备安全法》第五十七条、第六十一条；《特种设备安全监察条例》',
          undertakingUnit: '特种设备安全监察股；各市场监督管理所',
          target: '辖区内特种设备生产（含安装、改造、修理）、经营、使用单位',
          content: '特种设备使用登记、定期检验、安全管理人员和作业人员持证、维护保养、安全技术档案、应急预案及演练情况',
          method: '现场检查',
          frequency: '重点设备使用单位每年不超过 2 次；其他单位双随机抽查',
        }),
      },
    ],
  },
  {
    code: '003',
    status: 'published',
    versions: [
      {
        publishedAt: PUBLISHED,
        fields: fields({
          name: '产品质量监督检查',
          basis: '《中华人民共和国产品质量法》第十五条、第十八条',
          undertakingUnit: '质量发展股；各市场监督管理所',
          target: '辖区内产品生产者、销售者',
          content: '产品质量抽样检验；产品标识标注；生产销售国家明令淘汰、失效变质产品情况；质量管理制度执行情况',
          method: '现场检查（抽样检验）',
          frequency: '按上级监督抽查计划和本局年度计划执行',
          remark: '抽样检验不向被检查人收取费用',
        }),
      },
    ],
  },
  {
    code: '004',
    status: 'published',
    versions: [
      {
        publishedAt: PUBLISHED,
        fields: fields({
          name: '计量器具检查',
          basis: '《中华人民共和国计量法》第九条；《中华人民共和国强制检定的工作计量器具检定管理办法》',
          undertakingUnit: '计量标准化股；各市场监督管理所',
          target: '使用列入强制检定目录的工作计量器具的单位和个体工商户（集贸市场、加油站、医疗机构等）',
          content: '强制检定计量器具的登记、检定及合格情况；计量器具使用是否规范',
          method: '现场检查',
          frequency: '双随机抽查；集贸市场、加油站每年不超过 2 次',
        }),
      },
    ],
  },
  {
    code: '005',
    status: 'published',
    versions: [
      { publishedAt: PUBLISHED, fields: priceV1 },
      {
        publishedAt: '2025-09-01T02:00:00.000Z',
        fields: {
          ...priceV1,
          basis: '《中华人民共和国价格法》第三十四条；《价格违法行为行政处罚规定》；《明码标价和禁止价格欺诈规定》（国家市场监督管理总局令第56号）',
          remark: '第 2 版：实施依据增加《明码标价和禁止价格欺诈规定》',
        },
      },
    ],
  },
  {
    code: '006',
    status: 'retired',
    retiredAt: '2025-09-01T02:00:00.000Z',
    retireReason: '并入“广告、网络交易监督检查”事项',
    versions: [
      {
        publishedAt: PUBLISHED,
        fields: fields({
          name: '广告发布检查',
          basis: '《中华人民共和国广告法》第四十九条',
          undertakingUnit: '广告监督管理股',
          target: '辖区内广告主、广告经营者、广告发布者',
          content: '广告内容是否真实合法；广告发布登记及审查情况；医疗、药品、保健食品等广告的审查批准情况',
          method: '非现场检查（广告监测）；现场检查',
          frequency: '广告监测发现问题时开展；双随机抽查',
        }),
      },
    ],
  },
  {
    code: '007',
    status: 'published',
    versions: [
      {
        publishedAt: PUBLISHED,
        fields: fields({
          name: '登记事项检查',
          basis: '《中华人民共和国市场主体登记管理条例》第三十八条',
          undertakingUnit: '登记注册股；信用监督管理股；各市场监督管理所',
          target: '辖区内登记的企业、个体工商户、农民专业合作社',
          content: '登记事项与实际情况是否一致；住所（经营场所）真实性；年度报告公示信息真实性',
          method: '非现场检查（书面核查、信息比对）；必要时现场检查',
          frequency: '双随机抽查，年度抽查比例不低于 3%',
        }),
      },
    ],
  },
  {
    code: '008',
    status: 'draft',
    versions: [
      {
        publishedAt: null,
        fields: fields({
          name: '药品经营检查',
          basis: '《中华人民共和国药品管理法》第九十九条；《药品经营和使用质量监督管理办法》（国家市场监督管理总局令第84号）',
          undertakingUnit: '药品医疗器械化妆品监督管理股；各市场监督管理所',
          target: '辖区内药品零售企业和药品使用单位',
          content: '药品经营许可及执业药师配备；药品购进验收、储存养护、销售记录；处方药销售管理；药品追溯情况',
          method: '现场检查',
          frequency: '按风险分级确定；日常检查同一主体每年不超过 2 次',
          remark: '拟新增事项，待负责人审定后发布',
        }),
      },
    ],
  },
];
