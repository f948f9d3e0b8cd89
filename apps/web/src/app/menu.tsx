import type { ReactNode } from 'react';
import {
  AlertOutlined,
  AreaChartOutlined,
  FileProtectOutlined,
  ApiOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CalculatorOutlined,
  CloudOutlined,
  FireOutlined,
  AccountBookOutlined,
  BuildOutlined,
  BulbOutlined,
  FundOutlined,
  CalendarOutlined,
  ClusterOutlined,
  ControlOutlined,
  ContainerOutlined,
  DashboardOutlined,
  ExceptionOutlined,
  GatewayOutlined,
  ProfileOutlined,
  ProjectOutlined,
  ExperimentOutlined,
  KeyOutlined,
  PieChartOutlined,
  LinkOutlined,
  MoneyCollectOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SwapOutlined,
  TableOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  ToolOutlined,
  UserOutlined,
  RiseOutlined,
} from '@ant-design/icons';
import type { Permission } from '@greenmes/contracts';
import { BranchesOutlined, PartitionOutlined, ShopOutlined } from '@ant-design/icons';
import { ScheduleOutlined, SnippetsOutlined } from '@ant-design/icons';
import { TabletOutlined, TagsOutlined } from '@ant-design/icons';
import { DeploymentUnitOutlined, FieldNumberOutlined } from '@ant-design/icons';
import { IdcardOutlined, SolutionOutlined, WalletOutlined } from '@ant-design/icons';
import { PayCircleOutlined } from '@ant-design/icons';
import { InboxOutlined, NodeIndexOutlined } from '@ant-design/icons';
import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { PercentageOutlined } from '@ant-design/icons';
import { CodeSandboxOutlined, LayoutOutlined } from '@ant-design/icons';

export interface MenuItemDef {
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** The read permission that shows the item; pages check the same permission. */
  permission: Permission;
  testId: string;
}
export interface MenuGroupDef {
  key: string;
  labelKey: string;
  icon: ReactNode;
  items: MenuItemDef[];
}

export const MENU: MenuGroupDef[] = [
  {
    key: 'platform',
    labelKey: 'menu.platform',
    icon: <SafetyCertificateOutlined />,
    items: [
      {
        path: '/platform/users',
        labelKey: 'menu.users',
        icon: <UserOutlined />,
        permission: 'platform.user.read',
        testId: 'menu-users',
      },
      {
        path: '/platform/roles',
        labelKey: 'menu.roles',
        icon: <TeamOutlined />,
        permission: 'platform.role.read',
        testId: 'menu-roles',
      },
      {
        path: '/platform/departments',
        labelKey: 'menu.departments',
        icon: <ApartmentOutlined />,
        permission: 'platform.orgunit.read',
        testId: 'menu-departments',
      },
      {
        path: '/platform/audit',
        labelKey: 'menu.audit',
        icon: <AuditOutlined />,
        permission: 'platform.audit.read',
        testId: 'menu-audit',
      },
      {
        path: '/platform/settings',
        labelKey: 'menu.settings',
        icon: <SettingOutlined />,
        permission: 'platform.setting.read',
        testId: 'menu-settings',
      },
      {
        path: '/platform/api-tokens',
        labelKey: 'menu.apiTokens',
        icon: <KeyOutlined />,
        permission: 'platform.token.manage',
        testId: 'menu-api-tokens',
      },
    ],
  },
  {
    key: 'modeling',
    labelKey: 'menu.modeling',
    icon: <BuildOutlined />,
    items: [
      {
        path: '/modeling/plant',
        labelKey: 'menu.plant',
        icon: <ClusterOutlined />,
        permission: 'modeling.plant.read',
        testId: 'menu-plant',
      },
      {
        path: '/modeling/equipment',
        labelKey: 'menu.equipment',
        icon: <ToolOutlined />,
        permission: 'modeling.equipment.read',
        testId: 'menu-equipment',
      },
      {
        path: '/modeling/materials',
        labelKey: 'menu.materials',
        icon: <ExperimentOutlined />,
        permission: 'modeling.material.read',
        testId: 'menu-materials',
      },
      {
        path: '/modeling/units',
        labelKey: 'menu.units',
        icon: <SwapOutlined />,
        permission: 'modeling.unit.read',
        testId: 'menu-units',
      },
      {
        path: '/modeling/shift-calendars',
        labelKey: 'shiftCalendar.title',
        icon: <CalendarOutlined />,
        permission: 'modeling.calendar.read',
        testId: 'menu-shift-calendars',
      },
    ],
  },
  {
    key: 'telemetry',
    labelKey: 'menu.telemetry',
    icon: <DashboardOutlined />,
    items: [
      {
        path: '/telemetry/devices',
        labelKey: 'menu.devices',
        icon: <ApiOutlined />,
        permission: 'telemetry.device.read',
        testId: 'menu-devices',
      },
      {
        path: '/telemetry/gateways',
        labelKey: 'menu.gateways',
        icon: <GatewayOutlined />,
        permission: 'telemetry.device.read',
        testId: 'menu-gateways',
      },
      {
        path: '/telemetry/device-profiles',
        labelKey: 'menu.deviceProfiles',
        icon: <ProfileOutlined />,
        permission: 'telemetry.device.read',
        testId: 'menu-device-profiles',
      },
      {
        path: '/telemetry/ingest-errors',
        labelKey: 'menu.ingestErrors',
        icon: <ExceptionOutlined />,
        permission: 'telemetry.device.read',
        testId: 'menu-ingest-errors',
      },
      {
        path: '/telemetry/alarms',
        labelKey: 'menu.alarms',
        icon: <AlertOutlined />,
        permission: 'telemetry.alarm.read',
        testId: 'menu-alarms',
      },
      {
        path: '/telemetry/alarm-rules',
        labelKey: 'menu.alarmRules',
        icon: <ControlOutlined />,
        permission: 'telemetry.alarm.read',
        testId: 'menu-alarm-rules',
      },
      {
        path: '/telemetry/webhooks',
        labelKey: 'menu.webhooks',
        icon: <LinkOutlined />,
        permission: 'telemetry.alarm.manage',
        testId: 'menu-webhooks',
      },
    ],
  },
  {
    key: 'energy',
    labelKey: 'menu.energy',
    icon: <ThunderboltOutlined />,
    items: [
      {
        path: '/energy/overview',
        labelKey: 'energyReports.menu.overview',
        icon: <AreaChartOutlined />,
        permission: 'energy.report.read',
        testId: 'menu-energy-overview',
      },
      {
        path: '/energy/ghg-inventory',
        labelKey: 'energyReports.menu.inventory',
        icon: <FileProtectOutlined />,
        permission: 'energy.report.read',
        testId: 'menu-ghg-inventory',
      },
      {
        path: '/energy/carbon-sources',
        labelKey: 'carbonSources.title',
        icon: <FireOutlined />,
        permission: 'energy.report.read',
        testId: 'menu-carbon-sources',
      },
      {
        path: '/energy/cost',
        labelKey: 'energyCost.title',
        icon: <AccountBookOutlined />,
        permission: 'energy.report.read',
        testId: 'menu-energy-cost',
      },
      {
        path: '/energy/calculator',
        labelKey: 'menu.energyCalculator',
        icon: <CalculatorOutlined />,
        permission: 'energy.calculation.run',
        testId: 'menu-energy-calculator',
      },
      {
        path: '/energy/carbon-calculator',
        labelKey: 'menu.carbonCalculator',
        icon: <CloudOutlined />,
        permission: 'carbon.calculation.run',
        testId: 'menu-carbon-calculator',
      },
      {
        path: '/energy/factors',
        labelKey: 'menu.factorLibrary',
        icon: <BookOutlined />,
        permission: 'energy.factor.read',
        testId: 'menu-factor-library',
      },
      {
        path: '/energy/economics',
        labelKey: 'menu.energyEconomics',
        icon: <FundOutlined />,
        permission: 'energy.economics.read',
        testId: 'menu-energy-economics',
      },
      {
        path: '/energy/saving-projects',
        labelKey: 'menu.savingProjects',
        icon: <BulbOutlined />,
        permission: 'energy.project.read',
        testId: 'menu-saving-projects',
      },
      {
        path: '/energy/tariffs',
        labelKey: 'tariff.title',
        icon: <MoneyCollectOutlined />,
        permission: 'energy.tariff.read',
        testId: 'menu-energy-tariffs',
      },
      {
        path: '/energy/meters',
        labelKey: 'metering.menu.meters',
        icon: <DashboardOutlined />,
        permission: 'energy.meter.read',
        testId: 'menu-energy-meters',
      },
      {
        path: '/energy/consumption',
        labelKey: 'metering.menu.consumption',
        icon: <BarChartOutlined />,
        permission: 'energy.report.read',
        testId: 'menu-energy-consumption',
      },
      {
        path: '/energy/metering-completeness',
        labelKey: 'metering.menu.completeness',
        icon: <PieChartOutlined />,
        permission: 'energy.report.read',
        testId: 'menu-energy-completeness',
      },
      {
        path: '/energy/tables',
        labelKey: 'energyTables.title',
        icon: <TableOutlined />,
        permission: 'energy.report.read',
        testId: 'menu-energy-tables',
      },
      {
        path: '/energy/products',
        labelKey: 'energyProducts.title',
        icon: <ContainerOutlined />,
        permission: 'energy.report.read',
        testId: 'menu-energy-products',
      },
      {
        path: '/energy/enpis',
        labelKey: 'enpi.title',
        icon: <RiseOutlined />,
        permission: 'energy.report.read',
        testId: 'menu-energy-enpis',
      },
    ],
  },
  {
    key: 'production',
    labelKey: 'production.menu.group',
    icon: <ShopOutlined />,
    items: [
      {
        path: '/production/boms',
        labelKey: 'production.menu.boms',
        icon: <PartitionOutlined />,
        permission: 'production.bom.read',
        testId: 'menu-boms',
      },
      {
        path: '/production/routings',
        labelKey: 'production.menu.routings',
        icon: <BranchesOutlined />,
        permission: 'production.routing.read',
        testId: 'menu-routings',
      },
      {
        path: '/production/plans',
        labelKey: 'workOrders.menu.plans',
        icon: <ScheduleOutlined />,
        permission: 'production.plan.read',
        testId: 'menu-plans',
      },
      {
        path: '/production/work-orders',
        labelKey: 'workOrders.menu.workOrders',
        icon: <SnippetsOutlined />,
        permission: 'production.workorder.read',
        testId: 'menu-work-orders',
      },
      {
        path: '/production/scheduling',
        labelKey: 'scheduling.menu',
        icon: <ProjectOutlined />,
        permission: 'production.workorder.read',
        testId: 'menu-scheduling',
      },
      {
        path: '/production/wip',
        labelKey: 'wip.menu',
        icon: <DeploymentUnitOutlined />,
        permission: 'production.workorder.read',
        testId: 'menu-wip',
      },
      {
        path: '/production/oee',
        labelKey: 'oee.menu',
        icon: <PercentageOutlined />,
        permission: 'production.workorder.read',
        testId: 'menu-oee',
      },
      {
        path: '/terminal',
        labelKey: 'terminal.menu',
        icon: <TabletOutlined />,
        permission: 'production.report.create',
        testId: 'menu-terminal',
      },
      {
        path: '/production/andon',
        labelKey: 'andon.menu',
        icon: <ExceptionOutlined />,
        permission: 'production.report.read',
        testId: 'menu-andon',
      },
      {
        path: '/inventory/lots',
        labelKey: 'lots.menu',
        icon: <InboxOutlined />,
        permission: 'inventory.lot.read',
        testId: 'menu-lots',
      },
      {
        path: '/production/genealogy',
        labelKey: 'genealogy.menu',
        icon: <NodeIndexOutlined />,
        permission: 'production.genealogy.read',
        testId: 'menu-genealogy',
      },
      {
        path: '/production/reason-codes',
        labelKey: 'reasonCodes.menu',
        icon: <TagsOutlined />,
        permission: 'production.report.read',
        testId: 'menu-reason-codes',
      },
      {
        path: '/production/counter-configs',
        labelKey: 'counterConfig.menu',
        icon: <FieldNumberOutlined />,
        permission: 'production.workorder.read',
        testId: 'menu-counter-configs',
      },
    ],
  },
  {
    key: 'labour',
    labelKey: 'labour.menu.group',
    icon: <IdcardOutlined />,
    items: [
      {
        path: '/labour/workers',
        labelKey: 'labour.menu.workers',
        icon: <TeamOutlined />,
        permission: 'labour.worker.read',
        testId: 'menu-workers',
      },
      {
        path: '/labour/skills',
        labelKey: 'labour.menu.skills',
        icon: <SolutionOutlined />,
        permission: 'labour.worker.read',
        testId: 'menu-skills',
      },
      {
        path: '/labour/rates',
        labelKey: 'labour.menu.rates',
        icon: <WalletOutlined />,
        permission: 'labour.rate.read',
        testId: 'menu-wage-rates',
      },
      {
        path: '/labour/wages',
        labelKey: 'wages.menu.sheets',
        icon: <PayCircleOutlined />,
        permission: 'labour.wage.read',
        testId: 'menu-wage-sheets',
      },
    ],
  },
  {
    key: 'visualization',
    labelKey: 'screens.menuGroup',
    icon: <FundProjectionScreenOutlined />,
    items: [
      {
        path: '/screens',
        labelKey: 'screens.menu',
        icon: <FundProjectionScreenOutlined />,
        permission: 'visualization.screen.read',
        testId: 'menu-screens',
      },
      {
        path: '/plant/layouts',
        labelKey: 'plantLayout.menu',
        icon: <LayoutOutlined />,
        permission: 'visualization.layout.read',
        testId: 'menu-plant-layouts',
      },
      {
        path: '/plant/3d',
        labelKey: 'plant3d.menu',
        icon: <CodeSandboxOutlined />,
        permission: 'visualization.layout.read',
        testId: 'menu-plant-3d',
      },
      {
        path: '/visualization/dashboards',
        labelKey: 'dashboards.menu',
        icon: <DashboardOutlined />,
        permission: 'visualization.dashboard.read',
        testId: 'menu-dashboards',
      },
    ],
  },
];

export function visibleMenu(permissions: ReadonlySet<string>): MenuGroupDef[] {
  return MENU.map((group) => ({
    ...group,
    items: group.items.filter((item) => permissions.has(item.permission)),
  })).filter((group) => group.items.length > 0);
}
