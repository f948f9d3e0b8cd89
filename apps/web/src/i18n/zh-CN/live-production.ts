/** 生产：实时推送、安灯停机与标记、批次碳足迹 */
export const liveProduction = {
  liveProduction: {
    live: '实时',
    refreshedLive: '更新于 {{time}}，报工实时推送',
    stopped: '停机：{{text}}',
    flagged: '异常：{{text}}',
    paused: '暂停原因：{{text}}',
  },
  lotCarbon: {
    title: '碳足迹',
    loading: '正在计算碳足迹…',
    total: '合计',
    perUnit: '单位产品',
    energy: '能耗分摊',
    materials: '物料',
    share: '占工单产出 {{percent}}%（{{qty}} / {{good}}）',
    received: '采购批次：按物料排放因子计',
    component: '消耗批次',
    material: '物料',
    quantity: '用量',
    factor: '因子 kgCO₂e/单位',
    emission: 'kgCO₂e',
    noComponents: '谱系中没有消耗批次',
    missing: '缺少排放因子：{{codes}}',
    method: '计算方法',
    methodText:
      '能耗：按数量分摊所属工单的能耗与碳排放（本批次的产出 ÷ 工单末道工序合格数）；物料：谱系中消耗的每个批次 × 其单位排放——采购批次用物料排放因子，自产批次用该批次自身的单位碳足迹（同法计算）。',
    unknown: '未知',
  },
};
