/**
 * Characters that registry clerks confuse (DOMAIN.md §3). Homophones arise when a name is typed with a pinyin
 * input method and the wrong candidate is picked (伟/玮, 磊/雷, 张/章); similar shapes when a handwritten form
 * is read or typed by shape (王/玉, 侯/候, 未/末). Groups are our own selection of characters that occur in
 * the name pools and surnames; each group shares a toneless reading (homophones) or a near-identical glyph.
 */
const HOMOPHONE_GROUPS: readonly string[] = [
  "伟玮炜苇", "磊雷蕾垒", "静婧靖敬", "丽莉俐利立", "娟鹃涓", "婷亭庭廷霆", "敏民闽珉", "杰洁捷婕",
  "涛韬滔", "军君均钧", "红虹宏鸿洪弘", "华桦骅", "英瑛莹颖影", "兰岚澜蓝", "芳方坊", "燕艳雁彦",
  "霞侠峡", "梅玫媚", "玲铃龄凌灵", "琳林霖淋麟", "萍平苹屏", "峰锋丰枫", "刚钢岗", "强蔷", "斌彬滨宾",
  "明鸣铭茗", "辉晖徽", "慧惠蕙汇", "勇涌永咏", "建健剑鉴", "国郭", "志智至治", "宇雨语羽玉钰",
  "浩昊皓豪", "鹏朋彭蓬", "超朝潮", "飞菲非妃", "鑫新欣心馨昕", "阳杨洋扬", "轩萱宣", "涵寒韩含晗",
  "怡仪宜艺逸毅亦奕", "梓子紫姿", "晨辰臣陈宸", "泽则择", "睿瑞锐蕊", "琪琦奇齐祺淇", "瑶遥姚尧",
  "彤同桐童佟", "悦月越跃岳", "婉宛琬", "雯文闻", "倩茜", "娜纳", "雪学薛", "璐露路鹿陆", "思斯丝司",
  "佳家嘉加", "晓小筱孝", "梦蒙萌孟", "博波柏伯", "凯恺铠楷", "龙隆珑", "亮谅", "成城程诚承澄",
  "东冬栋", "秀修", "桂贵", "荣容蓉融", "云芸耘", "珍真贞祯", "春纯淳", "张章", "王汪", "李黎理",
  "刘柳", "徐许", "吴武伍", "郑正", "肖萧", "于余俞虞", "何贺", "黄皇", "纪季姬冀吉", "付傅符",
  "姜江蒋", "田甜", "朱诸", "胡扈", "邢刑", "沈审", "孙荪", "汤唐", "石时史", "卢鲁路",
];

const SIMILAR_SHAPE_GROUPS: readonly string[] = [
  "王玉", "未末", "己已", "日曰", "土士", "人入", "大太", "天夭", "贝见", "鸟乌", "刀力", "干千",
  "申由", "侯候", "戌戍", "晴睛", "辩辨", "祖租", "陈阵", "娟绢", "霞暇", "珍诊", "秀季", "崇祟",
  "李季", "杨扬", "伟纬", "峰锋", "辉晖", "琳淋", "明朋", "田由", "兵乒", "汪江", "荣茕", "斌赋",
  "凤风", "洁浩", "红虹", "梅海", "婷停", "晶品", "清请", "彬杉",
];

function groupsByCharacter(groups: readonly string[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const group of groups) {
    for (const ch of group) {
      const others = Array.from(group).filter((c) => c !== ch).join("");
      map.set(ch, (map.get(ch) ?? "") + others);
    }
  }
  return map;
}

/** Character → characters that sound the same. */
export const HOMOPHONES: ReadonlyMap<string, string> = groupsByCharacter(HOMOPHONE_GROUPS);

/** Character → characters that look almost the same. */
export const SIMILAR_SHAPES: ReadonlyMap<string, string> = groupsByCharacter(SIMILAR_SHAPE_GROUPS);
