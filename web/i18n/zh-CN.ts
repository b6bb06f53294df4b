/**
 * Chinese console text. This file is the source of the message keys: every other language must translate
 * exactly these keys (checked by the `Messages` type). `{name}` marks a value filled in by `useT()`.
 */
export const zhCN = {
  "app.name": "人口信息平台",
  "app.skipToContent": "跳到主要内容",

  "header.language": "界面语言",
  "header.demoTag": "演示",
  "header.demoBanner": "演示环境：所有数据均为合成数据，仅供体验和培训。",

  "nav.label": "主导航",
  "nav.overview": "总览",
  "nav.registry": "数据导入",
  "nav.linkage": "核查比对",
  "nav.surveillance": "出生监测",
  "nav.preconception": "孕前优生",
  "nav.benefits": "奖励扶助",
  "nav.exchange": "流动人口",
  "nav.indicators": "考核评估",
  "nav.admin": "系统管理",

  "common.loading": "正在加载…",
  "common.retry": "重试",
  "common.refresh": "刷新",

  "error.loadFailed": "数据加载失败",
  "error.serverUnreachable": "无法连接人口信息平台服务",
  "error.unexpected": "发生了意外错误。请重试；如仍失败，请联系系统管理员。",
  "error.requestId": "请求编号：{id}",

  "notFound.title": "页面不存在",
  "notFound.detail": "地址 {path} 不存在，或所属功能尚未开通。",
  "notFound.back": "返回总览",

  "overview.title": "总览",
  "overview.generatedAt": "数据时间：{time}",
  "overview.divisions": "行政区划",
  "overview.divisionsNote": "已载入的区划代码参考表",
  "overview.batches": "导入批次",
  "overview.batchesNote": "已提交 {committed} · 失败 {failed}",
  "overview.accepted": "已接收记录",
  "overview.acceptedNote": "通过校验并保存的源记录",
  "overview.quarantined": "隔离行",
  "overview.quarantinedNote": "未通过校验、等待核对的行",
  "overview.chartTitle": "各级行政区划数量",
  "overview.chartSummary": "柱状图，各级行政区划数量：{summary}",
  "overview.empty": "尚未导入数据",
  "overview.emptyDetail": "导入户籍、婚姻登记、出生医学证明等部门数据后，这里将显示批次和记录数量。",
  "overview.emptyNoImportDetail": "本服务器尚未启用数据导入功能；启用并导入部门数据后，这里将显示批次和记录数量。",
  "overview.importNotEnabled": "数据导入功能尚未启用",
  "overview.goImport": "前往数据导入",

  "level.province": "省级",
  "level.city": "地级",
  "level.county": "县级",
  "level.township": "乡级",
  "level.village": "村级",
} as const;

export type MessageKey = keyof typeof zhCN;

/** A translation of the console: one string for every key of the Chinese source, and no others. */
export type Messages = Readonly<Record<MessageKey, string>>;
