import { describe, expect, it } from "vitest";
import { splitNamePath } from "./name-path.ts";

describe("splitNamePath", () => {
  it.each([
    ["山东省/枣庄市/山亭区/店子镇", ["山东省", "枣庄市", "山亭区", "店子镇"]],
    ["山东省 ／ 枣庄市 > 滕州市", ["山东省", "枣庄市", "滕州市"]],
    ["山东省\u3000枣庄市  薛城区", ["山东省", "枣庄市", "薛城区"]],
    ["山东省-枣庄市-峄城区", ["山东省", "枣庄市", "峄城区"]],
    ["/山东省//枣庄市/", ["山东省", "枣庄市"]],
    ["天津市/滨海新区/天津经济技术开发区（其他片区）", ["天津市", "滨海新区", "天津经济技术开发区（其他片区）"]],
  ])("splits %j on its separators only", (path, names) => {
    expect(splitNamePath(path)).toEqual(names);
  });

  it.each([
    ["山东省枣庄市山亭区店子镇", ["山东省", "枣庄市", "山亭区", "店子镇"]],
    ["山东省枣庄市滕州市级索镇", ["山东省", "枣庄市", "滕州市", "级索镇"]],
    ["枣庄市薛城区周营镇", ["枣庄市", "薛城区", "周营镇"]],
    ["北京市东城区东华门街道", ["北京市", "东城区", "东华门街道"]],
    ["河北省邢台市平乡县", ["河北省", "邢台市", "平乡县"]],
    ["四川省甘孜藏族自治州乡城县", ["四川省", "甘孜藏族自治州", "乡城县"]],
    ["内蒙古自治区锡林郭勒盟锡林浩特市", ["内蒙古自治区", "锡林郭勒盟", "锡林浩特市"]],
    ["黑龙江省大兴安岭地区漠河市", ["黑龙江省", "大兴安岭地区", "漠河市"]],
    ["内蒙古自治区呼和浩特市土默特左旗", ["内蒙古自治区", "呼和浩特市", "土默特左旗"]],
    ["新疆维吾尔自治区昌吉回族自治州吉木萨尔县", ["新疆维吾尔自治区", "昌吉回族自治州", "吉木萨尔县"]],
  ])("cuts %j after each name suffix", (path, names) => {
    expect(splitNamePath(path)).toEqual(names);
  });

  it.each([
    ["山东省枣庄市市中区", ["山东省", "枣庄市", "市中区"]],
    ["江西省景德镇市昌江区", ["江西省", "景德镇市", "昌江区"]],
    ["湖北省荆州市沙市区", ["湖北省", "荆州市", "沙市区"]],
    ["北京市东城区东花市街道", ["北京市", "东城区", "东花市街道"]],
    ["山西省晋城市泽州县县底镇", ["山西省", "晋城市", "泽州县", "县底镇"]],
    ["吉林省白城市镇赉县", ["吉林省", "白城市", "镇赉县"]],
    ["北京市房山区良乡地区", ["北京市", "房山区", "良乡地区"]],
  ])("keeps a name whole when a suffix character sits inside it: %j", (path, names) => {
    expect(splitNamePath(path)).toEqual(names);
  });

  it("leaves a tail without a known suffix as the last name", () => {
    expect(splitNamePath("天津市北辰区红旗农场")).toEqual(["天津市", "北辰区", "红旗", "农场"]);
    expect(splitNamePath("山东省枣庄市某某")).toEqual(["山东省", "枣庄市", "某某"]);
  });

  it.each(["", "   ", "\u3000"])("returns no names for the blank path %j", (path) => {
    expect(splitNamePath(path)).toEqual([]);
  });

  it("returns a single name unchanged", () => {
    expect(splitNamePath("店子镇")).toEqual(["店子镇"]);
  });
});
