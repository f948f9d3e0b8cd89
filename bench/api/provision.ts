/**
 * The job-report bench's shop floor, through the REST API: an enterprise, a plant with a work center,
 * a product with an active BOM (a bar, 1 kg per piece) and a one-operation routing, N workers and N
 * released work orders of a quantity no run reaches (so over-reporting never refuses), each with a lot
 * of bar issued to it and its operation started by its worker, who has reported a first good piece.
 */
import { expect, pool, provisionTenant } from '../ingest/provision.ts';

export interface Terminal {
  workerId: string;
  orderId: string;
  operationId: string;
  /** the report's URL path */
  path: string;
}

export async function provisionShopFloor({
  httpUrl,
  operatorPassword,
  terminals,
}: {
  httpUrl: string;
  operatorPassword: string;
  terminals: number;
}): Promise<{ token: string; terminals: Terminal[] }> {
  const { token } = await provisionTenant({
    httpUrl,
    operatorPassword,
    tenantCode: 'bench-api',
    name: 'API benchmark',
  });
  const post = <T = { id: string }>(path: string, body: unknown, want = 201) =>
    expect<T>(httpUrl, want, { method: 'POST', path: `/api/v1${path}`, token, body });
  const units = await expect<Array<{ id: string; code: string }>>(httpUrl, 200, {
    path: '/api/v1/units',
    token,
  });
  const unit = (code: string) => units.find((u) => u.code === code)!.id;
  const site = await post('/plant/nodes', { kind: 'site', code: 'B-S', name: 'Bench site' });
  const area = await post('/plant/nodes', { kind: 'area', parentId: site.id, code: 'B-A', name: 'Hall' });
  const line = await post('/plant/nodes', { kind: 'line', parentId: area.id, code: 'B-L', name: 'Line' });
  const wc = await post('/plant/nodes', {
    kind: 'work_center',
    parentId: line.id,
    code: 'B-WC',
    name: 'Cell',
  });
  const product = await post('/materials', {
    code: 'B-FG',
    name: 'Valve',
    type: 'finished',
    unitId: unit('pcs'),
  });
  const raw = await post('/materials', { code: 'B-RM', name: 'Bar', type: 'raw', unitId: unit('kg') });
  const bom = await post('/production/boms', {
    productId: product.id,
    version: 'V1',
    effectiveFrom: '2025-01-01',
    lines: [{ componentId: raw.id, quantity: '1' }],
  });
  await post(`/production/boms/${bom.id}/transition`, { status: 'active' }, 200);
  const routing = await post('/production/routings', {
    productId: product.id,
    version: 'R1',
    effectiveFrom: '2025-01-01',
    operations: [{ seqNo: 10, code: 'ASSY', name: 'Assemble', workCenterId: wc.id }],
  });
  await post(`/production/routings/${routing.id}/transition`, { status: 'active' }, 200);
  const list = await pool(
    Array.from({ length: terminals }, (_, i) => i),
    8,
    async (i): Promise<Terminal> => {
      const no = `B${String(i + 1).padStart(4, '0')}`;
      const worker = await post('/labour/workers', { employeeNo: no, name: `Operator ${no}` });
      const order = await post<{ id: string; operations: Array<{ id: string }> }>('/production/work-orders', {
        productId: product.id,
        quantity: '100000000',
      });
      await post(`/production/work-orders/${order.id}/release`, {}, 200);
      const operationId = order.operations[0]!.id;
      const path = `/api/v1/production/work-orders/${order.id}/operations/${operationId}/job-reports`;
      // its bar stock received and issued to the order: each good piece reported consumes a kilogram of
      // it, recorded as the output lot's genealogy
      const lotNumber = `BR${no}`;
      await post('/inventory/lots', { lotNumber, materialId: raw.id, quantity: '100000000' });
      await post(`/production/work-orders/${order.id}/material-issues`, { lotNumber, quantity: '100000000' });
      await post(path.slice('/api/v1'.length), { kind: 'start', workerId: worker.id });
      // a first piece: the output lot exists before the run, as on a floor that has been working
      await post(path.slice('/api/v1'.length), { kind: 'quantity', workerId: worker.id, goodQty: '1' });
      return { workerId: worker.id, orderId: order.id, operationId, path };
    },
  );
  return { token, terminals: list };
}
