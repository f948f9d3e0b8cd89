/** The demo valve-and-pump factory: one site, three workshops plus utilities, ~20 machines, ~30 materials. */

type Kind = 'site' | 'area' | 'line' | 'work_center';
export const DEMO_NODES: Array<{
  code: string;
  name: string;
  kind: Kind;
  parent?: string;
  description?: string;
}> = [
  { code: 'GY-SITE', name: '绿源泵阀 苏州工厂', kind: 'site', description: '江苏省苏州市吴中区' },
  { code: 'MC', name: '机加工车间', kind: 'area', parent: 'GY-SITE' },
  { code: 'MC-L1', name: '阀体加工线', kind: 'line', parent: 'MC' },
  { code: 'MC-L1-TURN', name: '车削单元', kind: 'work_center', parent: 'MC-L1' },
  { code: 'MC-L1-MILL', name: '铣削/加工中心单元', kind: 'work_center', parent: 'MC-L1' },
  { code: 'MC-L2', name: '泵轴与叶轮加工线', kind: 'line', parent: 'MC' },
  { code: 'AS', name: '装配车间', kind: 'area', parent: 'GY-SITE' },
  { code: 'AS-L1', name: '阀门装配线', kind: 'line', parent: 'AS' },
  { code: 'AS-L2', name: '水泵装配线', kind: 'line', parent: 'AS' },
  { code: 'PT', name: '涂装车间', kind: 'area', parent: 'GY-SITE' },
  { code: 'PT-L1', name: '喷涂线', kind: 'line', parent: 'PT' },
  // the paint shop's two stations have machines of their own, so they are made here rather than with the
  // routings: the scheduler knows a work center's power from the equipment on it
  { code: 'PT-L1-SPRAY', name: '喷涂工位', kind: 'work_center', parent: 'PT-L1' },
  { code: 'PT-L1-CURE', name: '固化工位', kind: 'work_center', parent: 'PT-L1' },
  { code: 'UT', name: '公用动力站', kind: 'area', parent: 'GY-SITE' },
];

type Category =
  | 'transformer'
  | 'boiler'
  | 'electric_motor'
  | 'fan'
  | 'pump'
  | 'air_compressor'
  | 'chiller'
  | 'heating_furnace'
  | 'machine_tool'
  | 'industrial_robot'
  | 'painting_line'
  | 'dryer'
  | 'welding_machine';

interface DemoEquipment {
  at: string;
  code: string;
  name: string;
  category: Category;
  model: string;
  manufacturer: string;
  ratedPowerKw: string;
  energyMedia: string[];
  commissioningDate: string;
  isKeyEnergyConsumer?: boolean;
  isEliminatedModel?: boolean;
  phaseOutDate?: string;
}

const e = (
  at: string,
  code: string,
  name: string,
  category: Category,
  model: string,
  manufacturer: string,
  kw: string,
  media: string[],
  date: string,
  extra: Partial<DemoEquipment> = {},
): DemoEquipment => ({
  at,
  code,
  name,
  category,
  model,
  manufacturer,
  ratedPowerKw: kw,
  energyMedia: media,
  commissioningDate: date,
  ...extra,
});
const EL = ['electricity'];

export const DEMO_EQUIPMENT: DemoEquipment[] = [
  e('MC-L1-TURN', 'CNC-T01', '数控车床 1#', 'machine_tool', 'CK6150', '沈阳机床', '15', EL, '2019-04-12'),
  e('MC-L1-TURN', 'CNC-T02', '数控车床 2#', 'machine_tool', 'CK6150', '沈阳机床', '15', EL, '2019-04-12'),
  e('MC-L1-TURN', 'CNC-T03', '数控车床 3#', 'machine_tool', 'CAK6180', '大连机床', '18.5', EL, '2021-03-08'),
  e('MC-L1-MILL', 'VMC-01', '立式加工中心 1#', 'machine_tool', 'VMC850', '北京精雕', '22', EL, '2020-06-20'),
  e('MC-L1-MILL', 'VMC-02', '立式加工中心 2#', 'machine_tool', 'VMC1060', '北京精雕', '26', EL, '2022-09-15'),
  e('MC-L1-MILL', 'HMC-01', '卧式加工中心', 'machine_tool', 'HMC630', '海天精工', '37', EL, '2023-02-10', {
    isKeyEnergyConsumer: true,
  }),
  e('MC-L2', 'CNC-T04', '数控车床 4#（泵轴）', 'machine_tool', 'CK6163', '宝鸡机床', '22', EL, '2018-11-01'),
  e('MC-L2', 'GRD-01', '外圆磨床', 'machine_tool', 'M1432B', '上海机床厂', '11', EL, '2016-07-18'),
  e('MC-L2', 'BAL-01', '叶轮动平衡机', 'machine_tool', 'YYW-300', '上海申克', '5.5', EL, '2020-01-09'),
  e('AS-L1', 'AS-TST-01', '阀门压力试验台', 'pump', 'FY-DN300', '温州阀检', '11', EL, '2021-08-30'),
  e('AS-L1', 'AS-ROB-01', '拧紧机器人', 'industrial_robot', 'IRB 1600', 'ABB', '4', EL, '2022-05-16'),
  e('AS-L2', 'AS-TST-02', '水泵性能试验台', 'pump', 'BX-500', '上海凯泉', '75', EL, '2020-10-22', {
    isKeyEnergyConsumer: true,
  }),
  e('AS-L2', 'AS-WLD-01', '氩弧焊机', 'welding_machine', 'WS-400', '时代焊机', '12', EL, '2017-03-03'),
  e(
    'PT-L1-SPRAY',
    'PT-SPR-01',
    '喷涂线',
    'painting_line',
    'PT-2000',
    '江苏长江涂装',
    '45',
    ['electricity', 'compressed_air'],
    '2019-09-09',
    { isKeyEnergyConsumer: true },
  ),
  e(
    'PT-L1-CURE',
    'PT-OVN-01',
    '天然气固化炉',
    'heating_furnace',
    'RQL-180',
    '江苏长江涂装',
    '18',
    ['natural_gas', 'electricity'],
    '2019-09-09',
    { isKeyEnergyConsumer: true },
  ),
  e('PT-L1', 'PT-FAN-01', '喷漆房排风机', 'fan', '4-72-8C', '上海鼓风机厂', '30', EL, '2012-05-20', {
    isEliminatedModel: true,
    phaseOutDate: '2027-06-30',
    isKeyEnergyConsumer: true,
  }),
  e('UT', 'UT-TR-01', '10kV 主变压器', 'transformer', 'SCB11-1600/10', '顺特电气', '1600', EL, '2015-08-01', {
    isKeyEnergyConsumer: true,
  }),
  e('UT', 'UT-AC-01', '螺杆空压机 1#', 'air_compressor', 'GA75', 'Atlas Copco', '75', EL, '2018-04-15', {
    isKeyEnergyConsumer: true,
  }),
  e('UT', 'UT-AC-02', '螺杆空压机 2#', 'air_compressor', 'LS20-100H', 'Sullair', '75', EL, '2011-06-30', {
    isEliminatedModel: true,
    phaseOutDate: '2026-12-31',
    isKeyEnergyConsumer: true,
  }),
  e(
    'UT',
    'UT-BLR-01',
    '燃气蒸汽锅炉',
    'boiler',
    'WNS2-1.25-Q',
    '张家港海陆',
    '5.5',
    ['natural_gas', 'new_water', 'electricity'],
    '2017-10-10',
    { isKeyEnergyConsumer: true },
  ),
  e('UT', 'UT-CH-01', '冷水机组', 'chiller', '30XW-0652', '开利', '110', EL, '2019-05-05', {
    isKeyEnergyConsumer: true,
  }),
  e('UT', 'UT-PMP-01', '循环水泵', 'pump', 'KQL150/315', '上海凯泉', '22', EL, '2019-05-05'),
];

type MaterialType = 'raw' | 'semi_finished' | 'finished' | 'consumable' | 'packaging';
const m = (
  code: string,
  name: string,
  type: MaterialType,
  unit: string,
  category: string,
  specification?: string,
) => ({
  code,
  name,
  type,
  unit,
  category,
  specification,
});

export const DEMO_MATERIALS = [
  m('RM-HT200', '灰铸铁阀体毛坯 HT200', 'raw', 'pcs', '铸件', 'DN100'),
  m('RM-HT250', '灰铸铁泵壳毛坯 HT250', 'raw', 'pcs', '铸件', '150-315'),
  m('RM-WCB', '铸钢阀体毛坯 WCB', 'raw', 'pcs', '铸件', 'DN150'),
  m('RM-304-BAR', '304 不锈钢圆钢', 'raw', 'kg', '钢材', 'Φ45'),
  m('RM-45-BAR', '45# 圆钢', 'raw', 'kg', '钢材', 'Φ60'),
  m('RM-2CR13', '2Cr13 阀杆料', 'raw', 'kg', '钢材', 'Φ28'),
  m('RM-PTFE', 'PTFE 密封圈料', 'raw', 'kg', '非金属', ''),
  m('RM-EPDM', 'EPDM 橡胶', 'raw', 'kg', '非金属', ''),
  m('SF-VB-100', '阀体（已加工）DN100', 'semi_finished', 'pcs', '阀门零件', 'DN100 PN16'),
  m('SF-VD-100', '阀板 DN100', 'semi_finished', 'pcs', '阀门零件', 'DN100'),
  m('SF-VS-100', '阀杆 DN100', 'semi_finished', 'pcs', '阀门零件', 'Φ22×320'),
  m('SF-PC-150', '泵壳（已加工）', 'semi_finished', 'pcs', '水泵零件', '150-315'),
  m('SF-IMP-150', '叶轮', 'semi_finished', 'pcs', '水泵零件', 'Φ315'),
  m('SF-SH-150', '泵轴', 'semi_finished', 'pcs', '水泵零件', 'Φ42×560'),
  m('FG-BV-100', '蝶阀 D341X-16 DN100', 'finished', 'pcs', '阀门', 'DN100 PN16'),
  m('FG-GV-150', '闸阀 Z41H-16C DN150', 'finished', 'pcs', '阀门', 'DN150 PN16'),
  m('FG-CV-80', '止回阀 H44H-16 DN80', 'finished', 'pcs', '阀门', 'DN80 PN16'),
  m('FG-PMP-150', '单级离心泵 KQL150/315', 'finished', 'set', '水泵', '200 m³/h 32 m'),
  m('FG-PMP-100', '管道泵 ISG100-160', 'finished', 'set', '水泵', '100 m³/h 32 m'),
  m('PU-MOTOR-22', '三相异步电机 22kW', 'raw', 'set', '外购件', 'YE3-180L-4'),
  m('PU-BRG-6308', '深沟球轴承 6308', 'raw', 'pcs', '外购件', '6308-2RS'),
  m('PU-MS-40', '机械密封', 'raw', 'set', '外购件', 'Φ40'),
  m('PU-BOLT-M16', '六角螺栓 M16×60', 'raw', 'pcs', '标准件', 'GB/T 5782 8.8级'),
  m('CS-PAINT-EP', '环氧底漆', 'consumable', 'kg', '涂料', '灰色'),
  m('CS-PAINT-PU', '聚氨酯面漆', 'consumable', 'kg', '涂料', 'RAL5015'),
  m('CS-THIN', '稀释剂', 'consumable', 'kg', '涂料', ''),
  m('CS-COOLANT', '切削液', 'consumable', 'L', '辅料', '乳化型'),
  m('CS-INSERT', '数控刀片', 'consumable', 'pcs', '刀具', 'CNMG120408'),
  m('PK-CRATE', '木箱', 'packaging', 'pcs', '包装', '800×600×500'),
  m('PK-FILM', '缠绕膜', 'packaging', 'kg', '包装', '500mm'),
];
