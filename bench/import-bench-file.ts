/**
 * The benchmark file of bench/import-bench.ts, generated deterministically (fixed seed): the synthetic city's
 * household-registry headers, surnames and given-name characters drawn with Zipf-like weights (so names repeat
 * as in a real registry), valid ID numbers that agree with birth date and sex, and real township codes of
 * 枣庄市 with village suffixes. Run alone (`node --import tsx bench/import-bench-file.ts FILE ROWS`) it writes a
 * file for profiling.
 */
import { createWriteStream } from "node:fs";
import { fileURLToPath } from "node:url";
import { computeCheckCharacter } from "../src/kernel/resident-id-check.ts";

const TOWNSHIPS = (
  "370402001 370402002 370402003 370402004 370402005 370402006 370402101 370402102 370402103 370402104 370402105 " +
  "370403001 370403002 370403003 370403004 370403005 370403006 370403101 370403102 370403103 370403104 370404001 " +
  "370404002 370404100 370404101 370404102 370404103 370404104 370405001 370405100 370405101 370405102 370405103 " +
  "370405104 370406001 370406101 370406102 370406103 370406104 370406105 370406106 370406107 370406108 370406109 " +
  "370481001 370481002 370481003 370481004 370481005 370481101 370481102 370481103 370481104 370481105 370481106"
).split(" ");
const SURNAMES = Array.from("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤");
const GIVEN = Array.from("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建文辉力子涵浩宇梓轩欣怡雨泽俊一诺晨思佳琪博雅嘉鑫鹏飞婷慧颖琳晓东海燕波宁志国庆春梅凤兵斌健成林鹤然昊天睿瑞安心悦");
const RELATIONS = ["户主", "配偶", "子", "女", "父亲", "母亲", "孙子"];

/** mulberry32 (public domain): a small, fast, well-distributed 32-bit generator. */
function random32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index 0..n-1 with weight ∝ 1/(i+1)^s: a few very common values and a long tail. */
function zipfPicker(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / (i + 1) ** s;
  return () => {
    const u = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < u) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

export async function generateHukouCsv(path: string, rows: number): Promise<void> {
  const random = random32(20240601);
  const surname = zipfPicker(SURNAMES.length, 1, random);
  const given = zipfPicker(GIVEN.length, 0.8, random);
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve())));
  await write("户号,公民身份号码,姓名,性别,民族,出生日期,与户主关系,住址,行政区划代码\n");
  let buffer = "";
  let household = 100_000_000;
  for (let i = 0; i < rows; i++) {
    if (i % 3 === 0) household++;
    const township = TOWNSHIPS[Math.floor(random() * TOWNSHIPS.length)]!;
    const village = `${township}${String(1 + Math.floor(random() * 20)).padStart(3, "0")}`;
    const year = 1930 + Math.floor(random() * 93);
    const month = String(1 + Math.floor(random() * 12)).padStart(2, "0");
    const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
    const male = random() < 0.51;
    const sequence = String(Math.floor(random() * 500) * 2 + (male ? 1 : 0)).padStart(3, "0");
    const first17 = `${township.slice(0, 6)}${year}${month}${day}${sequence}`;
    const name = SURNAMES[surname()]! + GIVEN[given()]! + (random() < 0.7 ? GIVEN[given()]! : "");
    buffer +=
      `${household},${first17}${computeCheckCharacter(first17)},${name},${male ? "男" : "女"},汉族,${year}${month}${day},` +
      `${RELATIONS[i % 3 === 0 ? 0 : Math.floor(random() * RELATIONS.length)]},山东省枣庄市某街道${household % 997}号,${village}\n`;
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = "";
    }
  }
  await write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path, rows] = process.argv.slice(2);
  if (!path) throw new Error("usage: import-bench-file.ts FILE [ROWS]");
  await generateHukouCsv(path, Number(rows ?? 100_000));
}
