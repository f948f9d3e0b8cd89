import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import type { Permission } from '@greenmes/contracts';
import { FullPageSpin } from '../shared/components/FullPageSpin.tsx';
import { NotFoundPage } from '../shared/components/NotFoundPage.tsx';
import { RequireAuth } from '../modules/platform/components/RequireAuth.tsx';
import { RequirePermission } from '../modules/platform/components/RequirePermission.tsx';
import { HomeRedirect } from './HomeRedirect.tsx';

/** Each page is its own chunk: a user who only opens the plant tree never downloads the audit log. */
function page<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const AppLayout = page(() => import('./AppLayout.tsx'), 'AppLayout');
const LoginPage = page(() => import('../modules/platform/pages/LoginPage.tsx'), 'LoginPage');
const UsersPage = page(() => import('../modules/platform/pages/UsersPage.tsx'), 'UsersPage');
const RolesPage = page(() => import('../modules/platform/pages/RolesPage.tsx'), 'RolesPage');
const DepartmentsPage = page(
  () => import('../modules/platform/pages/DepartmentsPage.tsx'),
  'DepartmentsPage',
);
const AuditPage = page(() => import('../modules/platform/pages/AuditPage.tsx'), 'AuditPage');
const SettingsPage = page(() => import('../modules/platform/pages/SettingsPage.tsx'), 'SettingsPage');
const ApiTokensPage = page(() => import('../modules/platform/pages/ApiTokensPage.tsx'), 'ApiTokensPage');
const PlantTreePage = page(() => import('../modules/modeling/pages/PlantTreePage.tsx'), 'PlantTreePage');
const EquipmentPage = page(() => import('../modules/modeling/pages/EquipmentPage.tsx'), 'EquipmentPage');
const MaterialsPage = page(() => import('../modules/modeling/pages/MaterialsPage.tsx'), 'MaterialsPage');
const UnitsPage = page(() => import('../modules/modeling/pages/UnitsPage.tsx'), 'UnitsPage');
const ShiftCalendarsPage = page(
  () => import('../modules/calendars/pages/ShiftCalendarsPage.tsx'),
  'ShiftCalendarsPage',
);
const DevicesPage = page(() => import('../modules/telemetry/pages/DevicesPage.tsx'), 'DevicesPage');
const DeviceDetailPage = page(
  () => import('../modules/telemetry/pages/DeviceDetailPage.tsx'),
  'DeviceDetailPage',
);
const GatewaysPage = page(() => import('../modules/telemetry/pages/GatewaysPage.tsx'), 'GatewaysPage');
const GatewayDetailPage = page(
  () => import('../modules/telemetry/pages/GatewayDetailPage.tsx'),
  'GatewayDetailPage',
);
const DeviceProfilesPage = page(
  () => import('../modules/telemetry/pages/DeviceProfilesPage.tsx'),
  'DeviceProfilesPage',
);
const IngestErrorsPage = page(
  () => import('../modules/telemetry/pages/IngestErrorsPage.tsx'),
  'IngestErrorsPage',
);
const AlarmsPage = page(() => import('../modules/telemetry/pages/AlarmsPage.tsx'), 'AlarmsPage');
const AlarmRulesPage = page(() => import('../modules/telemetry/pages/AlarmRulesPage.tsx'), 'AlarmRulesPage');
const WebhooksPage = page(() => import('../modules/telemetry/pages/WebhooksPage.tsx'), 'WebhooksPage');
const EnergyOverviewPage = page(
  () => import('../modules/energy/reports/pages/EnergyOverviewPage.tsx'),
  'EnergyOverviewPage',
);
const GhgInventoryPage = page(
  () => import('../modules/energy/reports/pages/GhgInventoryPage.tsx'),
  'GhgInventoryPage',
);
const CarbonSourcesPage = page(
  () => import('../modules/energy/carbon-sources/pages/CarbonSourcesPage.tsx'),
  'CarbonSourcesPage',
);
const EnergyCostPage = page(
  () => import('../modules/energy/cost/pages/EnergyCostPage.tsx'),
  'EnergyCostPage',
);
const EnergyCalculatorPage = page(
  () => import('../modules/energy/pages/EnergyCalculatorPage.tsx'),
  'EnergyCalculatorPage',
);
const CarbonCalculatorPage = page(
  () => import('../modules/energy/pages/CarbonCalculatorPage.tsx'),
  'CarbonCalculatorPage',
);
const FactorLibraryPage = page(
  () => import('../modules/energy/pages/FactorLibraryPage.tsx'),
  'FactorLibraryPage',
);
const EconomicsPage = page(
  () => import('../modules/energy/ledgers/pages/EconomicsPage.tsx'),
  'EconomicsPage',
);
const SavingProjectsPage = page(
  () => import('../modules/energy/ledgers/pages/SavingProjectsPage.tsx'),
  'SavingProjectsPage',
);
const MetersPage = page(() => import('../modules/energy/metering/pages/MetersPage.tsx'), 'MetersPage');
const ConsumptionPage = page(
  () => import('../modules/energy/metering/pages/ConsumptionPage.tsx'),
  'ConsumptionPage',
);
const CompletenessPage = page(
  () => import('../modules/energy/metering/pages/CompletenessPage.tsx'),
  'CompletenessPage',
);
const EnergyTablesPage = page(
  () => import('../modules/energy/tables/pages/EnergyTablesPage.tsx'),
  'EnergyTablesPage',
);
const EnergyProductsPage = page(
  () => import('../modules/energy/products/pages/EnergyProductsPage.tsx'),
  'EnergyProductsPage',
);
const EnpisPage = page(() => import('../modules/energy/enpi/pages/EnpisPage.tsx'), 'EnpisPage');
const EnpiDetailPage = page(
  () => import('../modules/energy/enpi/pages/EnpiDetailPage.tsx'),
  'EnpiDetailPage',
);
const TariffsPage = page(() => import('../modules/energy/tariffs/pages/TariffsPage.tsx'), 'TariffsPage');
const BomsPage = page(() => import('../modules/production/pages/BomsPage.tsx'), 'BomsPage');
const RoutingsPage = page(() => import('../modules/production/pages/RoutingsPage.tsx'), 'RoutingsPage');
const PlansPage = page(() => import('../modules/production/pages/PlansPage.tsx'), 'PlansPage');
const WorkOrdersPage = page(() => import('../modules/production/pages/WorkOrdersPage.tsx'), 'WorkOrdersPage');
const WorkOrderDetailPage = page(
  () => import('../modules/production/pages/WorkOrderDetailPage.tsx'),
  'WorkOrderDetailPage',
);
const TerminalPage = page(() => import('../modules/production/terminal/TerminalPage.tsx'), 'TerminalPage');
const PlantLayoutsPage = page(
  () => import('../modules/visualization/plant/pages/PlantLayoutsPage.tsx'),
  'PlantLayoutsPage',
);
const PlantLayoutPage = page(
  () => import('../modules/visualization/plant/pages/PlantLayoutPage.tsx'),
  'PlantLayoutPage',
);
const PlantLayoutEditorPage = page(
  () => import('../modules/visualization/plant/pages/PlantLayoutEditorPage.tsx'),
  'PlantLayoutEditorPage',
);
// three.js lives in this chunk only
const Plant3DPage = page(() => import('../modules/visualization/plant/pages/Plant3DPage.tsx'), 'Plant3DPage');
const ScreensPage = page(() => import('../modules/visualization/screens/ScreensPage.tsx'), 'ScreensPage');
const BigScreenPage = page(
  () => import('../modules/visualization/screens/BigScreenPage.tsx'),
  'BigScreenPage',
);
const DashboardsPage = page(
  () => import('../modules/visualization/dashboards/pages/DashboardsPage.tsx'),
  'DashboardsPage',
);
const DashboardViewPage = page(
  () => import('../modules/visualization/dashboards/pages/DashboardViewPage.tsx'),
  'DashboardViewPage',
);
const DashboardBuilderPage = page(
  () => import('../modules/visualization/dashboards/pages/DashboardBuilderPage.tsx'),
  'DashboardBuilderPage',
);
const TvDashboardPage = page(
  () => import('../modules/visualization/dashboards/pages/TvDashboardPage.tsx'),
  'TvDashboardPage',
);
const SchedulingPage = page(() => import('../modules/production/pages/SchedulingPage.tsx'), 'SchedulingPage');
const ReasonCodesPage = page(
  () => import('../modules/production/pages/ReasonCodesPage.tsx'),
  'ReasonCodesPage',
);
const AndonPage = page(() => import('../modules/production/pages/AndonPage.tsx'), 'AndonPage');
const WipBoardPage = page(() => import('../modules/production/pages/WipBoardPage.tsx'), 'WipBoardPage');
const OeePage = page(() => import('../modules/production/pages/OeePage.tsx'), 'OeePage');
const CounterConfigPage = page(
  () => import('../modules/production/pages/CounterConfigPage.tsx'),
  'CounterConfigPage',
);
const LotsPage = page(() => import('../modules/inventory/pages/LotsPage.tsx'), 'LotsPage');
const GenealogyPage = page(() => import('../modules/production/pages/GenealogyPage.tsx'), 'GenealogyPage');
const WorkersPage = page(() => import('../modules/labour/pages/WorkersPage.tsx'), 'WorkersPage');
const SkillsGradesPage = page(
  () => import('../modules/labour/pages/SkillsGradesPage.tsx'),
  'SkillsGradesPage',
);
const WageRatesPage = page(() => import('../modules/labour/pages/WageRatesPage.tsx'), 'WageRatesPage');
const WageSheetsPage = page(() => import('../modules/labour/pages/WageSheetsPage.tsx'), 'WageSheetsPage');
const AdminLoginPage = page(() => import('../modules/admin/pages/AdminLoginPage.tsx'), 'AdminLoginPage');
const AdminLayout = page(() => import('../modules/admin/components/AdminLayout.tsx'), 'AdminLayout');
const TenantsPage = page(() => import('../modules/admin/pages/TenantsPage.tsx'), 'TenantsPage');

function guarded(permission: Permission, element: ReactNode) {
  return <RequirePermission permission={permission}>{element}</RequirePermission>;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {/* a dashboard's TV link: no login, the token in the path authenticates */}
        <Route path="/tv/:token" element={<TvDashboardPage />} />
        <Route path="/admin/login" element={<AdminLoginPage />} />
        <Route path="/admin" element={<AdminLayout />}>
          <Route index element={<Navigate to="/admin/tenants" replace />} />
          <Route path="tenants" element={<TenantsPage />} />
        </Route>
        <Route element={<RequireAuth />}>
          {/* the shop-floor terminal is full-screen on a tablet: no menu, no header */}
          <Route path="terminal" element={guarded('production.report.create', <TerminalPage />)} />
          {/* big screens are full-screen on a wall display: no menu, no header */}
          <Route path="screens/:key" element={guarded('visualization.screen.read', <BigScreenPage />)} />
          <Route element={<AppLayout />}>
            <Route index element={<HomeRedirect />} />
            <Route path="screens" element={guarded('visualization.screen.read', <ScreensPage />)} />
            <Route
              path="plant/layouts"
              element={guarded('visualization.layout.read', <PlantLayoutsPage />)}
            />
            <Route
              path="plant/layouts/:id"
              element={guarded('visualization.layout.read', <PlantLayoutPage />)}
            />
            <Route
              path="plant/layouts/:id/edit"
              element={guarded('visualization.layout.manage', <PlantLayoutEditorPage />)}
            />
            <Route path="plant/3d" element={guarded('visualization.layout.read', <Plant3DPage />)} />
            <Route
              path="visualization/dashboards"
              element={guarded('visualization.dashboard.read', <DashboardsPage />)}
            />
            <Route
              path="visualization/dashboards/new"
              element={guarded('visualization.dashboard.manage', <DashboardBuilderPage />)}
            />
            <Route
              path="visualization/dashboards/:id"
              element={guarded('visualization.dashboard.read', <DashboardViewPage />)}
            />
            <Route
              path="visualization/dashboards/:id/edit"
              element={guarded('visualization.dashboard.manage', <DashboardBuilderPage />)}
            />
            <Route path="platform/users" element={guarded('platform.user.read', <UsersPage />)} />
            <Route path="platform/roles" element={guarded('platform.role.read', <RolesPage />)} />
            <Route
              path="platform/departments"
              element={guarded('platform.orgunit.read', <DepartmentsPage />)}
            />
            <Route path="platform/audit" element={guarded('platform.audit.read', <AuditPage />)} />
            <Route path="platform/settings" element={guarded('platform.setting.read', <SettingsPage />)} />
            <Route path="platform/api-tokens" element={guarded('platform.token.manage', <ApiTokensPage />)} />
            <Route path="modeling/plant" element={guarded('modeling.plant.read', <PlantTreePage />)} />
            <Route
              path="modeling/equipment"
              element={guarded('modeling.equipment.read', <EquipmentPage />)}
            />
            <Route path="modeling/materials" element={guarded('modeling.material.read', <MaterialsPage />)} />
            <Route path="modeling/units" element={guarded('modeling.unit.read', <UnitsPage />)} />
            <Route
              path="modeling/shift-calendars"
              element={guarded('modeling.calendar.read', <ShiftCalendarsPage />)}
            />
            <Route path="telemetry/devices" element={guarded('telemetry.device.read', <DevicesPage />)} />
            <Route
              path="telemetry/devices/:id"
              element={guarded('telemetry.device.read', <DeviceDetailPage />)}
            />
            <Route path="telemetry/gateways" element={guarded('telemetry.device.read', <GatewaysPage />)} />
            <Route
              path="telemetry/gateways/:id"
              element={guarded('telemetry.device.read', <GatewayDetailPage />)}
            />
            <Route
              path="telemetry/device-profiles"
              element={guarded('telemetry.device.read', <DeviceProfilesPage />)}
            />
            <Route
              path="telemetry/ingest-errors"
              element={guarded('telemetry.device.read', <IngestErrorsPage />)}
            />
            <Route path="telemetry/alarms" element={guarded('telemetry.alarm.read', <AlarmsPage />)} />
            <Route
              path="telemetry/alarm-rules"
              element={guarded('telemetry.alarm.read', <AlarmRulesPage />)}
            />
            <Route path="telemetry/webhooks" element={guarded('telemetry.alarm.manage', <WebhooksPage />)} />
            <Route path="energy/overview" element={guarded('energy.report.read', <EnergyOverviewPage />)} />
            <Route
              path="energy/ghg-inventory"
              element={guarded('energy.report.read', <GhgInventoryPage />)}
            />
            <Route
              path="energy/carbon-sources"
              element={guarded('energy.report.read', <CarbonSourcesPage />)}
            />
            <Route path="energy/cost" element={guarded('energy.report.read', <EnergyCostPage />)} />
            <Route
              path="energy/calculator"
              element={guarded('energy.calculation.run', <EnergyCalculatorPage />)}
            />
            <Route
              path="energy/carbon-calculator"
              element={guarded('carbon.calculation.run', <CarbonCalculatorPage />)}
            />
            <Route path="energy/factors" element={guarded('energy.factor.read', <FactorLibraryPage />)} />
            <Route path="energy/economics" element={guarded('energy.economics.read', <EconomicsPage />)} />
            <Route
              path="energy/saving-projects"
              element={guarded('energy.project.read', <SavingProjectsPage />)}
            />
            <Route path="energy/tariffs" element={guarded('energy.tariff.read', <TariffsPage />)} />
            <Route path="energy/meters" element={guarded('energy.meter.read', <MetersPage />)} />
            <Route path="energy/consumption" element={guarded('energy.report.read', <ConsumptionPage />)} />
            <Route
              path="energy/metering-completeness"
              element={guarded('energy.report.read', <CompletenessPage />)}
            />
            <Route path="energy/tables" element={guarded('energy.report.read', <EnergyTablesPage />)} />
            <Route path="energy/products" element={guarded('energy.report.read', <EnergyProductsPage />)} />
            <Route path="energy/enpis" element={guarded('energy.report.read', <EnpisPage />)} />
            <Route path="energy/enpis/:id" element={guarded('energy.report.read', <EnpiDetailPage />)} />
            <Route path="labour/workers" element={guarded('labour.worker.read', <WorkersPage />)} />
            <Route path="labour/skills" element={guarded('labour.worker.read', <SkillsGradesPage />)} />
            <Route path="labour/rates" element={guarded('labour.rate.read', <WageRatesPage />)} />
            <Route path="labour/wages" element={guarded('labour.wage.read', <WageSheetsPage />)} />
            <Route path="production/boms" element={guarded('production.bom.read', <BomsPage />)} />
            <Route
              path="production/routings"
              element={guarded('production.routing.read', <RoutingsPage />)}
            />
            <Route path="production/plans" element={guarded('production.plan.read', <PlansPage />)} />
            <Route
              path="production/work-orders"
              element={guarded('production.workorder.read', <WorkOrdersPage />)}
            />
            <Route
              path="production/work-orders/:id"
              element={guarded('production.workorder.read', <WorkOrderDetailPage />)}
            />
            <Route
              path="production/scheduling"
              element={guarded('production.workorder.read', <SchedulingPage />)}
            />
            <Route
              path="production/reason-codes"
              element={guarded('production.report.read', <ReasonCodesPage />)}
            />
            <Route path="production/andon" element={guarded('production.report.read', <AndonPage />)} />
            <Route path="production/wip" element={guarded('production.workorder.read', <WipBoardPage />)} />
            <Route path="production/oee" element={guarded('production.workorder.read', <OeePage />)} />
            <Route path="inventory/lots" element={guarded('inventory.lot.read', <LotsPage />)} />
            <Route
              path="production/genealogy"
              element={guarded('production.genealogy.read', <GenealogyPage />)}
            />
            <Route
              path="production/counter-configs"
              element={guarded('production.workorder.read', <CounterConfigPage />)}
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}
