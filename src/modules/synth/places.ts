import { Random } from "./random.ts";
import { CITY, COUNTIES, ORIGINS, TOWNSHIPS, type Township } from "./zaozhuang.ts";

/**
 * The synthetic geography inside the real divisions: village codes and names, house addresses, hospitals,
 * police stations and registry offices. Village codes follow the statistical pattern (township code + 3
 * digits: 001–199 for urban communities 居委会, 200–399 for villages 村委会); their names are invented from a
 * fixed stream per township, so a village keeps its name whatever the run's seed. No real address is used.
 */
const COMMUNITY_WORDS =
  "文化光明建设新华东风青年民主振兴永安和平幸福育才府前鑫昌龙山解放南苑北苑东湖西昌华山泰山凤鸣学院杏坛塔寺大同平安康宁兴隆红旗胜利振华新城东方".match(
    /../gu,
  ) ?? [];
const COMMUNITY_SUFFIXES = ["", "", "东", "西", "南", "北", "一", "二"];
const VILLAGE_SURNAMES = Array.from("王张李刘孙徐马高于宋杜孔颜孟曹田韩褚邵陈杨赵吴周朱胡郭何梁谢唐许冯董");
const VILLAGE_SUFFIXES = Array.from("庄楼家屯营集洼店寨桥湖岭峪坡沟口泉园");
const VILLAGE_PREFIXES = ["", "", "", "东", "西", "南", "北", "前", "后", "大", "小"];

export type AddressLevel = "full" | "township" | "county";

export interface Hospital {
  readonly name: string;
  /** Index into COUNTIES, or −1 for a city-level hospital. */
  readonly county: number;
}

export class Places {
  private readonly villageNames: string[][];
  private readonly villageCodes: string[][];
  /** Per township: [county prefix with province, without, township prefix with province, without]. */
  private readonly prefixes: (readonly [string, string, string, string])[];
  readonly countyOfTownship: Int32Array;
  readonly hospitals: readonly Hospital[];
  /** Hospital indices by county: [city MCH, county MCH, county general, county TCM]. */
  readonly deliveryHospitals: readonly (readonly number[])[];

  constructor() {
    this.countyOfTownship = Int32Array.from(TOWNSHIPS, (t) => COUNTIES.findIndex((c) => c.code === t.countyCode));
    this.villageNames = [];
    this.villageCodes = [];
    this.prefixes = [];
    TOWNSHIPS.forEach((township, t) => {
      const { names, codes } = inventVillages(township);
      this.villageNames.push(names);
      this.villageCodes.push(codes);
      const county = COUNTIES[this.countyOfTownship[t]!]!.name;
      const province = `${CITY.province}${CITY.name}${county}`;
      this.prefixes.push([province, county, province + township.name, county + township.name]);
    });
    const hospitals: Hospital[] = [
      { name: `${CITY.name}妇幼保健院`, county: -1 },
      { name: `${CITY.name}人民医院`, county: -1 },
    ];
    const delivery: number[][] = [];
    COUNTIES.forEach((county, c) => {
      const first = hospitals.length;
      hospitals.push({ name: `${county.name}妇幼保健院`, county: c });
      hospitals.push({ name: `${county.name}人民医院`, county: c });
      hospitals.push({ name: `${county.name}中医医院`, county: c });
      delivery.push([0, first, first + 1, first + 2]);
    });
    this.hospitals = hospitals;
    this.deliveryHospitals = delivery;
  }

  villageCount(township: number): number {
    return this.villageNames[township]!.length;
  }

  villageCode(township: number, village: number): string {
    return this.villageCodes[township]![village]!;
  }

  villageName(township: number, village: number): string {
    return this.villageNames[township]![village]!;
  }

  /** 山东省枣庄市滕州市级索镇王庄村12号, or cut to the township or county. */
  address(township: number, village: number, houseNumber: number, level: AddressLevel, withProvince = true): string {
    const prefixes = this.prefixes[township]!;
    if (level === "county") return prefixes[withProvince ? 0 : 1];
    const prefix = prefixes[withProvince ? 2 : 3];
    if (level === "township") return prefix;
    return prefix + this.villageNames[township]![village]! + houseNumber + "号";
  }

  /** Home address of a migrant whose hukou is elsewhere: as precise as other counties' records get. */
  originAddress(originCode: number): string {
    const origin = ORIGINS.find((o) => Number(o.code) === originCode);
    if (origin !== undefined) return `${origin.province}${origin.prefecture}${origin.county}`;
    const county = COUNTIES.find((c) => Number(c.code) === originCode);
    return county === undefined ? "" : `${CITY.province}${CITY.name}${county.name}`;
  }

  /** The local police station that registers a township's hukou (派出所). */
  policeStation(township: number): string {
    const t = TOWNSHIPS[township]!;
    const short = t.kind === "zone" ? t.name : t.name.replace(/(街道|镇)$/, "");
    return `${COUNTIES[this.countyOfTownship[township]!]!.name}公安局${short}派出所`;
  }

  /** Primary-care unit that reports deaths at home (卫生院 in towns, 社区卫生服务中心 in subdistricts). */
  primaryCareUnit(township: number): string {
    const t = TOWNSHIPS[township]!;
    return t.kind === "subdistrict" ? `${t.name}社区卫生服务中心` : `${t.name}卫生院`;
  }

  marriageOffice(county: number): string {
    return `${COUNTIES[county]!.name}民政局婚姻登记处`;
  }
}

function inventVillages(township: Township): { names: string[]; codes: string[] } {
  const random = Random.derive(Number(township.code), "village-names");
  const names: string[] = [];
  const codes: string[] = [];
  const used = new Set<string>();
  const communities = township.kind === "subdistrict" ? township.villages : Math.max(1, Math.round(township.villages * 0.08));
  for (let v = 0; v < township.villages; v++) {
    const isCommunity = v < communities;
    let name = "";
    for (let attempt = 0; attempt < 50 && (name === "" || used.has(name)); attempt++) {
      name = isCommunity
        ? `${random.pick(COMMUNITY_WORDS)}${random.pick(COMMUNITY_SUFFIXES)}社区`
        : `${random.pick(VILLAGE_PREFIXES)}${random.pick(VILLAGE_SURNAMES)}${random.pick(VILLAGE_SUFFIXES)}村`;
    }
    if (used.has(name)) name = `${name.slice(0, -1)}${v}${name.slice(-1)}`;
    used.add(name);
    names.push(name);
    const serial = isCommunity ? 1 + v : 200 + (v - communities + 1);
    codes.push(`${township.code}${String(serial).padStart(3, "0")}`);
  }
  return { names, codes };
}
