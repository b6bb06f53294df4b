import { type Random, WeightedChoice } from "./random.ts";

/**
 * Given names with realistic sex and decade patterns, so that namesakes (张伟, 王秀英, 李欣怡 …) turn up about as
 * often as in life and a name hints at its holder's age, as it does in real registries.
 *
 * The character pools and popular whole names per decade follow the patterns reported in the Ministry of
 * Public Security's name reports (公安部户政管理研究中心《二〇一九年全国姓名报告》《二〇二〇年全国姓名报告》:
 * 建国/秀英 in the 1950s, 伟/静 in the 1980s, 浩宇/梓涵 in the 2010s, 一诺/奕辰 around 2020) and the
 * per-decade top characters of the NCIIC 2008 data (Bao 2021, *ChineseNames*). The lists are our own
 * selections and the weights a Zipf-like decay by rank, not the published counts: they reproduce the shape
 * (a few very common names, a long tail of two-character combinations, single-character names peaking in
 * the 1970s–80s), not exact frequencies.
 */
interface NamingPattern {
  /** Share of single-character given names in the cohort. */
  readonly single: number;
  /** Popular whole given names, most popular first. */
  readonly top: readonly string[];
  /** Characters used first in two-character names, most popular first. */
  readonly first: string;
  /** Characters used second (and alone in single-character names), most popular first. */
  readonly second: string;
}

/** Share of people who carry one of their cohort's popular whole names. */
const POPULAR_NAME_SHARE = 0.07;

/** Share of given-name characters drawn from the long tail rather than the cohort's fashionable pool. */
const TAIL_SHARE = 0.45;

/** Long tails of name characters used in every decade, by sex (our selection of common name characters). */
const MALE_TAIL =
  "安邦宝彬斌滨波博才昌超晨成诚承驰崇川春达德栋东铎恩发帆方飞丰峰锋福富刚钢高庚功广贵国海涵翰昊浩禾和恒弘宏鸿华怀欢焕辉晖吉佳家嘉坚建剑健江杰金锦瑾进晋京景敬靖炯久俊军君钧凯楷康克坤朗乐雷磊黎礼力立利良亮林霖麟凌龙隆禄路伦茂民名明铭鸣谋楠宁攀鹏平其奇齐启强乔钦勤青清庆秋全泉群仁荣睿瑞润森善尚绍升生圣盛石世仕书树帅顺硕思松嵩涛韬腾天庭通同伟炜卫文武希熙喜贤翔祥晓新鑫信星兴雄修旭轩宣学勋亚延言彦扬阳洋耀业一义毅永勇友宇羽雨玉煜元远跃云运泽增展章昭哲振镇正政之志智忠洲卓子宗";
const FEMALE_TAIL =
  "爱安蓓碧冰彩灿婵畅晨澄楚春纯翠黛丹蝶冬朵恩凡芳菲芬馥桂海含涵寒荷红虹华欢环慧惠蕙佳嘉娇洁婕姣金锦瑾晶静婧菊娟君珺可岚兰蓝丽莉俐璐露伶玲琳灵凌铃柳曼梅美媚萌梦敏明妙娜楠妮宁凝佩萍琦琪倩茜琴青清晴琼秋蓉茹蕊瑞珊诗淑舒书爽霜思素婷彤婉薇文雯曦霞仙娴香湘潇晓欣馨心秀萱雪雅妍燕艳杨瑶叶一怡宜仪艺逸茵莺英瑛颖盈莹影雨玉语钰媛园月悦云芸韵珍真芝芷竹姿紫";

const COHORTS = [1940, 1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020] as const;

const MALE: readonly NamingPattern[] = [
  {
    single: 0.21,
    top: ["德明", "国华", "明", "福", "德胜", "玉成", "金山", "长生", "树林", "文华", "光明", "振华", "德", "成"],
    first: "德玉金文明国永树长福广庆兆宝洪志学振俊祥世家春传继绍",
    second: "明华林成山生福祥全才元贵和清义德亭臣堂彬胜发荣喜田新瑞忠海",
  },
  {
    single: 0.21,
    top: ["建国", "建华", "国庆", "和平", "建军", "国华", "明", "德明", "志明", "跃进", "援朝", "胜利", "建平", "军"],
    first: "建国志玉德文明立振永新跃援卫庆光学保长洪传兆金春家宝",
    second: "国华民军平林明生成东强山忠祥福荣中安亮义才海清胜利进",
  },
  {
    single: 0.28,
    top: ["军", "勇", "伟", "建华", "平", "强", "明", "建国", "建军", "斌", "卫东", "红卫", "卫国", "向阳", "东"],
    first: "建卫红向国志永新立振文明海学庆春光德兆长洪传继宪延",
    second: "东华军民平国强明林生成忠红伟兵杰刚勇峰亮波涛新彬荣庆",
  },
  {
    single: 0.315,
    top: ["勇", "伟", "军", "强", "斌", "波", "杰", "涛", "刚", "辉", "磊", "峰", "海涛", "建军", "志刚", "永强"],
    first: "建志海永文明晓红国立振俊小春新爱延庆宏学传德兆长",
    second: "军伟刚强涛华平峰波辉东林斌杰勇明亮龙鹏超新飞宇凯",
  },
  {
    single: 0.315,
    top: ["伟", "磊", "勇", "超", "涛", "杰", "鹏", "强", "斌", "刚", "明", "军", "辉", "亮", "峰", "鑫", "龙", "飞", "浩", "帅"],
    first: "晓志海建文明伟俊小永新云振立宏佳子思春东雪金德长",
    second: "伟杰鹏超磊涛强龙飞辉亮峰斌波明东军华刚洋浩鑫阳宇凯林",
  },
  {
    single: 0.21,
    top: ["杰", "磊", "鹏", "浩", "超", "帅", "涛", "伟", "强", "鑫", "宇", "龙", "俊杰", "鹏飞", "浩然", "飞", "阳", "博", "凯", "洋"],
    first: "子俊浩家志晓佳宇明文天博鹏一思嘉振泽永海新建梓雨瑞金",
    second: "杰宇浩鹏龙阳飞博超鑫涛凯航豪洋磊伟帅威然轩辉林峰强成",
  },
  {
    single: 0.084,
    top: ["浩", "宇", "杰", "浩然", "俊杰", "子豪", "宇航", "鑫", "浩宇", "博", "子轩", "文博", "一鸣", "梓豪", "家豪", "天宇", "宇轩", "博文", "帅", "鹏"],
    first: "子浩宇俊家佳博一天文嘉思明梓志晨雨皓泽奕铭昊金锦瑞",
    second: "轩豪宇杰航浩博涵然鑫阳泽凯辰晨睿铭琦龙楠旭瑞霖鹏翔川",
  },
  {
    single: 0.042,
    top: ["浩宇", "浩然", "宇轩", "子轩", "宇航", "皓轩", "子豪", "梓豪", "俊熙", "一鸣", "子墨", "奕辰", "宇泽", "博文", "明轩", "梓睿", "睿", "浩", "宇", "俊宇"],
    first: "子梓浩宇俊一奕皓思博沐明锦泽亦承睿嘉天铭晨逸景文佑煜",
    second: "轩宇辰涵泽睿豪航然墨熙宸阳铭博浩凯恒霖瑞诚川安晨逸杰",
  },
  {
    single: 0.035,
    top: ["奕辰", "宇轩", "浩宇", "亦辰", "宇辰", "子墨", "宇航", "浩然", "梓豪", "亦宸", "沐宸", "承泽", "梓睿", "沐阳", "若宸", "浩轩"],
    first: "沐奕亦梓子宇浩一承铭睿俊景锦若思嘉煜星晨知天",
    second: "辰宸泽轩阳宇睿安航然川熙琛瑾墨霖衡尧言屿恒锐",
  },
];

const FEMALE: readonly NamingPattern[] = [
  {
    single: 0.14,
    top: ["秀英", "桂英", "秀兰", "玉兰", "桂兰", "秀珍", "凤英", "玉珍", "玉英", "兰英", "淑珍", "桂芝", "秀荣", "玉梅", "凤兰"],
    first: "秀桂玉凤淑兰素金翠月春美爱秋荣香彩云",
    second: "英兰珍芝花梅荣香云芬莲凤琴清娥枝贞华霞菊",
  },
  {
    single: 0.175,
    top: ["秀英", "桂英", "秀兰", "玉兰", "桂兰", "秀珍", "凤英", "玉珍", "玉英", "兰英", "桂荣", "淑英", "秀荣", "凤兰", "玉梅"],
    first: "秀玉桂凤淑兰素金翠春美爱秋荣丽月彩红建华志明",
    second: "英兰珍华芝梅荣香云芬莲凤琴清娥霞花萍平玲敏红",
  },
  {
    single: 0.245,
    top: ["秀英", "红", "丽", "霞", "桂英", "秀兰", "丽华", "玉兰", "玉梅", "萍", "华", "英", "芳", "燕", "玲", "红梅"],
    first: "秀玉丽红桂春凤美爱素淑翠小建亚晓海艳新卫",
    second: "英华兰梅霞芳萍红玲珍云琴荣敏燕香平莲丽凤",
  },
  {
    single: 0.28,
    top: ["丽", "红", "艳", "燕", "霞", "芳", "玲", "丽娟", "娟", "英", "敏", "萍", "红梅", "秀梅", "静", "丽华"],
    first: "丽红晓秀春艳小美爱玉海雪桂凤亚建素金翠彩",
    second: "梅红霞艳芳华英燕玲娟萍丽琴敏静云莉兰凤荣",
  },
  {
    single: 0.28,
    top: ["静", "丽", "艳", "娟", "燕", "婷", "敏", "丹", "丽娜", "倩", "霞", "芳", "丽丽", "晓燕", "玲", "红", "娜", "丹丹", "莉", "颖"],
    first: "晓丽小雪海春艳俊玉佳美红文秀亚慧雅思金婷",
    second: "静丽燕娟艳婷敏丹霞芳玲倩娜莉颖梅红慧洁琳",
  },
  {
    single: 0.175,
    top: ["婷", "静", "敏", "佳", "颖", "丹", "雪", "倩", "璐", "琳", "婷婷", "晓雪", "欣", "悦", "雨", "梦", "媛", "月", "玉", "瑶"],
    first: "晓佳雨梦思雪欣文丽海小婷月玉慧心亚美诗",
    second: "婷静敏颖丹雪倩璐琳慧洁悦娜瑶菲媛蕾月琪丽",
  },
  {
    single: 0.07,
    top: ["欣怡", "婷", "佳怡", "雨欣", "欣", "雪", "颖", "倩", "悦", "佳", "梦瑶", "思雨", "雨涵", "佳琪", "心怡", "紫涵", "可欣", "梦琪", "诗琪", "怡"],
    first: "欣佳雨梦思诗可紫心子梓雅晓嘉若语书静一婉",
    second: "怡欣涵琪雨婷瑶萱悦妍雯彤琳慧颖月璐菲宁洁",
  },
  {
    single: 0.035,
    top: ["梓涵", "欣怡", "子涵", "一诺", "梓萱", "欣妍", "可欣", "诗涵", "雨涵", "语桐", "紫涵", "雨桐", "依诺", "梦瑶", "思涵", "佳怡", "若汐", "芷若", "梓琪", "子萱"],
    first: "梓子欣一雨可诗语紫思若依芷佳梦沐安雅书亦",
    second: "涵萱诺妍怡桐琪汐瑶彤晴悦然琳璇钰菲宁希溪",
  },
  {
    single: 0.035,
    top: ["一诺", "依诺", "欣怡", "梓涵", "语桐", "欣妍", "可欣", "语汐", "雨桐", "梦瑶", "若汐", "沐汐", "一一", "梓萱", "诗涵", "安然", "知夏", "初夏"],
    first: "一依语沐若梓欣知星安诗可芊思念清雨初云书",
    second: "诺汐桐涵妍然萱夏宁溪晴玥禾瑶希悦柠歆苒乔",
  },
];

/** Zipf-like weights by rank, shifted so the head is not too steep. */
function rankWeights(n: number, exponent = 0.9): Float64Array {
  const weights = new Float64Array(n);
  for (let r = 0; r < n; r++) weights[r] = 1 / Math.pow(r + 2, exponent);
  return weights;
}

interface CharacterPool {
  readonly chars: readonly string[];
  readonly choice: WeightedChoice;
}

function poolOf(chars: string, exponent: number): CharacterPool {
  const list = Array.from(chars);
  return { chars: list, choice: new WeightedChoice(rankWeights(list.length, exponent)) };
}

const MALE_TAIL_POOL = poolOf(MALE_TAIL, 0.3);
const FEMALE_TAIL_POOL = poolOf(FEMALE_TAIL, 0.3);

interface PreparedPattern {
  readonly single: number;
  readonly tail: CharacterPool;
  readonly top: readonly string[];
  readonly topChoice: WeightedChoice;
  readonly first: readonly string[];
  readonly firstChoice: WeightedChoice;
  readonly second: readonly string[];
  readonly secondChoice: WeightedChoice;
}

function prepare(pattern: NamingPattern, tail: CharacterPool): PreparedPattern {
  const first = Array.from(pattern.first);
  const second = Array.from(pattern.second);
  return {
    single: pattern.single,
    tail,
    top: pattern.top,
    topChoice: new WeightedChoice(rankWeights(pattern.top.length)),
    first,
    firstChoice: new WeightedChoice(rankWeights(first.length)),
    second,
    secondChoice: new WeightedChoice(rankWeights(second.length)),
  };
}

const PREPARED_MALE = MALE.map((p) => prepare(p, MALE_TAIL_POOL));
const PREPARED_FEMALE = FEMALE.map((p) => prepare(p, FEMALE_TAIL_POOL));

function cohortIndex(birthYear: number): number {
  let i = 0;
  while (i + 1 < COHORTS.length && birthYear >= COHORTS[i + 1]!) i++;
  return i;
}

function patternFor(sex: number, birthYear: number): PreparedPattern {
  return (sex === 1 ? PREPARED_MALE : PREPARED_FEMALE)[cohortIndex(birthYear)]!;
}

/** A given name for someone of `sex` (1 male, 2 female) born in `birthYear`. */
export function drawGivenName(random: Random, sex: number, birthYear: number): string {
  const pattern = patternFor(sex, birthYear);
  if (random.chance(POPULAR_NAME_SHARE)) return pattern.top[pattern.topChoice.sample(random)]!;
  const secondChar = drawSecond(random, pattern);
  if (random.chance(pattern.single)) return secondChar;
  const firstChar = random.chance(TAIL_SHARE) ? drawTail(random, pattern) : pattern.first[pattern.firstChoice.sample(random)]!;
  return firstChar === secondChar ? firstChar + drawSecond(random, pattern) : firstChar + secondChar;
}

function drawSecond(random: Random, pattern: PreparedPattern): string {
  return random.chance(TAIL_SHARE) ? drawTail(random, pattern) : pattern.second[pattern.secondChoice.sample(random)]!;
}

function drawTail(random: Random, pattern: PreparedPattern): string {
  return pattern.tail.chars[pattern.tail.choice.sample(random)]!;
}

/**
 * A two-character given name whose first character is the family's generation character (字辈): siblings and
 * cousins in Shandong villages often share it, which makes their names look alike to a linkage model.
 */
export function drawGenerationName(random: Random, sex: number, birthYear: number, generationChar: string): string {
  const pattern = patternFor(sex, birthYear);
  let second = drawSecond(random, pattern);
  if (second === generationChar) second = drawSecond(random, pattern);
  return generationChar + second;
}
