/**
 * Permission catalogue: `module.resource.action`. Every API route declares one of these (or is
 * explicitly public / authenticated-only); the web menu is shown from the same list.
 */
export const PERMISSIONS = [
  'platform.user.read',
  'platform.user.manage',
  'platform.role.read',
  'platform.role.manage',
  'platform.orgunit.read',
  'platform.orgunit.manage',
  'platform.audit.read',
  'platform.setting.read',
  'platform.setting.manage',
  'platform.token.manage',
  'modeling.plant.read',
  'modeling.plant.manage',
  'modeling.equipment.read',
  'modeling.equipment.manage',
  'modeling.material.read',
  'modeling.material.manage',
  'modeling.unit.read',
  'modeling.unit.manage',
  'modeling.calendar.read',
  'modeling.calendar.manage',
  'telemetry.device.read',
  'telemetry.device.manage',
  'telemetry.data.read',
  'telemetry.alarm.read',
  'telemetry.alarm.ack',
  'telemetry.alarm.manage',
  'energy.calculation.run',
  'carbon.calculation.run',
  'energy.factor.read',
  'energy.factor.manage',
  'energy.meter.read',
  'energy.meter.manage',
  'energy.reading.manage',
  'energy.report.read',
  'energy.tariff.read',
  'energy.tariff.manage',
  'energy.economics.read',
  'energy.economics.manage',
  'energy.project.read',
  'energy.project.manage',
  'production.bom.read',
  'production.bom.manage',
  'production.routing.read',
  'production.routing.manage',
  'production.plan.read',
  'production.plan.manage',
  'production.workorder.read',
  'production.workorder.manage',
  'production.workorder.release',
  'production.report.read',
  'production.report.create',
  'production.reason.manage',
  'production.andon.raise',
  'production.andon.manage',
  'production.material.issue',
  'production.genealogy.read',
  'inventory.lot.read',
  'inventory.lot.manage',
  'labour.worker.read',
  'labour.worker.manage',
  'labour.rate.read',
  'labour.rate.manage',
  'labour.wage.read',
  'labour.wage.manage',
  'labour.wage.approve',
  'visualization.screen.read',
  'visualization.dashboard.read',
  'visualization.dashboard.manage',
  'visualization.layout.read',
  'visualization.layout.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_MODEL: Permission[] = [
  'modeling.plant.read',
  'modeling.equipment.read',
  'modeling.material.read',
  'modeling.unit.read',
  'modeling.calendar.read',
];
const WATCH_DEVICES: Permission[] = [
  'telemetry.device.read',
  'telemetry.data.read',
  'telemetry.alarm.read',
  'telemetry.alarm.ack',
];
const ENERGY_READ: Permission[] = [
  'energy.factor.read',
  'energy.meter.read',
  'energy.report.read',
  'energy.tariff.read',
  'energy.economics.read',
  'energy.project.read',
];
const ENERGY_ALL: Permission[] = [
  ...ENERGY_READ,
  'energy.calculation.run',
  'carbon.calculation.run',
  'energy.factor.manage',
  'energy.meter.manage',
  'energy.reading.manage',
  'energy.tariff.manage',
  'energy.economics.manage',
  'energy.project.manage',
];
const PRODUCTION_READ: Permission[] = [
  'production.bom.read',
  'production.routing.read',
  'production.plan.read',
  'production.workorder.read',
  'production.report.read',
  // lots and their genealogy: whoever follows production traces what went into it
  'production.genealogy.read',
  'inventory.lot.read',
];
/** planners make plans and orders; supervisors (the plant manager) release, hold and dispatch them */
const PRODUCTION_PLAN: Permission[] = ['production.plan.manage', 'production.workorder.manage'];
const PRODUCTION_DEFINE: Permission[] = [
  ...PRODUCTION_READ,
  'production.bom.manage',
  'production.routing.manage',
];
/** who reads the rates reads the wage sheets they price */
const LABOUR_READ: Permission[] = ['labour.worker.read', 'labour.rate.read', 'labour.wage.read'];
const LABOUR_MANAGE: Permission[] = [
  ...LABOUR_READ,
  'labour.worker.manage',
  'labour.rate.manage',
  'labour.wage.manage',
  'labour.wage.approve',
];
/** big screens, shared dashboards and plant layouts are for everyone who watches the plant */
const VISUALIZATION_READ: Permission[] = [
  'visualization.screen.read',
  'visualization.dashboard.read',
  'visualization.layout.read',
];
const VISUALIZATION_MANAGE: Permission[] = [
  ...VISUALIZATION_READ,
  'visualization.dashboard.manage',
  'visualization.layout.manage',
];
const RUN_DEVICES: Permission[] = [...WATCH_DEVICES, 'telemetry.device.manage', 'telemetry.alarm.manage'];

export const BUILTIN_ROLES: ReadonlyArray<{
  code: string;
  name: string;
  nameEn: string;
  permissions: Permission[];
}> = [
  { code: 'tenant_admin', name: '企业管理员', nameEn: 'Tenant admin', permissions: [...PERMISSIONS] },
  {
    code: 'plant_manager',
    name: '工厂经理',
    nameEn: 'Plant manager',
    permissions: [
      ...READ_MODEL,
      'modeling.plant.manage',
      'modeling.equipment.manage',
      'modeling.material.manage',
      'modeling.calendar.manage',
      ...RUN_DEVICES,
      'platform.user.read',
      'platform.orgunit.read',
      'platform.audit.read',
      'platform.setting.read',
      ...ENERGY_READ,
      ...PRODUCTION_DEFINE,
      ...PRODUCTION_PLAN,
      'production.workorder.release',
      'production.report.create',
      'production.reason.manage',
      'production.andon.raise',
      'production.andon.manage',
      'production.material.issue',
      'inventory.lot.manage',
      ...LABOUR_MANAGE,
      ...VISUALIZATION_MANAGE,
    ],
  },
  {
    code: 'production_planner',
    name: '生产计划员',
    nameEn: 'Production planner',
    permissions: [
      ...READ_MODEL,
      'modeling.material.manage',
      'modeling.calendar.manage',
      ...PRODUCTION_DEFINE,
      ...PRODUCTION_PLAN,
      ...LABOUR_READ,
      ...VISUALIZATION_READ,
    ],
  },
  {
    code: 'operator',
    name: '操作工',
    nameEn: 'Operator',
    permissions: [
      'modeling.plant.read',
      'modeling.equipment.read',
      'modeling.calendar.read',
      ...WATCH_DEVICES,
      ...PRODUCTION_READ,
      'production.report.create',
      'production.andon.raise',
      'production.material.issue',
      'labour.worker.read',
      ...VISUALIZATION_READ,
    ],
  },
  {
    code: 'quality_inspector',
    name: '质检员',
    nameEn: 'Quality inspector',
    permissions: [
      ...READ_MODEL,
      'telemetry.device.read',
      'telemetry.data.read',
      ...PRODUCTION_READ,
      // quality issues raised on the floor are theirs to acknowledge and resolve
      'production.andon.manage',
      ...VISUALIZATION_READ,
    ],
  },
  {
    code: 'equipment_engineer',
    name: '设备工程师',
    nameEn: 'Equipment engineer',
    permissions: [
      ...READ_MODEL,
      'modeling.equipment.manage',
      ...RUN_DEVICES,
      'production.routing.read',
      ...VISUALIZATION_READ,
    ],
  },
  {
    code: 'energy_manager',
    name: '能源管理员',
    nameEn: 'Energy manager',
    permissions: [
      ...READ_MODEL,
      'modeling.equipment.manage',
      'platform.setting.read',
      ...RUN_DEVICES,
      ...ENERGY_ALL,
      ...VISUALIZATION_MANAGE,
    ],
  },
  {
    code: 'hr_specialist',
    name: '人事专员',
    nameEn: 'HR specialist',
    permissions: [
      'modeling.plant.read',
      'modeling.material.read',
      'production.routing.read',
      'platform.user.read',
      ...LABOUR_MANAGE,
    ],
  },
  {
    code: 'viewer',
    name: '只读用户',
    nameEn: 'Viewer',
    permissions: [
      ...READ_MODEL,
      'telemetry.device.read',
      'telemetry.data.read',
      'telemetry.alarm.read',
      ...ENERGY_READ,
      ...PRODUCTION_READ,
      ...LABOUR_READ,
      ...VISUALIZATION_READ,
    ],
  },
];
