import { PGlite } from '@electric-sql/pglite';
const t = Date.now();
const db = new PGlite();
await db.exec(`create role app nologin; create table t(tenant_id uuid, v int); alter table t enable row level security; alter table t force row level security;
create policy p on t using (tenant_id = nullif(current_setting('app.tenant_id', true),'')::uuid); grant select,insert,update,delete on t to app;
insert into t values ('00000000-0000-0000-0000-000000000001',1),('00000000-0000-0000-0000-000000000002',2);`);
await db.exec(
  `begin; set local role app; select set_config('app.tenant_id','00000000-0000-0000-0000-000000000001',true);`,
);
console.log((await db.query('select * from t')).rows, (await db.query('select current_user')).rows);
await db.exec('commit');
console.log((await db.query('select * from t')).rows.length, (await db.query('select current_user')).rows);
const blob = await db.dumpDataDir('none');
console.log(blob.size, Date.now() - t);
const t2 = Date.now();
const db2 = new PGlite({ loadDataDir: blob });
await db2.waitReady;
console.log((await db2.query('select count(*) from t')).rows, Date.now() - t2);
