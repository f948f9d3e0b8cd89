import { useMemo, useState } from 'react';
import { App, Button, Empty, Popconfirm, Skeleton, Space, Tree, Typography } from 'antd';
import type { TreeProps } from 'antd';
import { ApartmentOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TOrgUnit } from '@greenmes/contracts';
import { PageCard } from '../../../shared/components/PageCard.tsx';
import { useNotifyError } from '../../../shared/hooks/use-notify-error.ts';
import { orgUnitsApi } from '../api/platform-api.ts';
import { useCan } from '../hooks/use-me.ts';
import { useInvalidatePlatform, useOrgUnits } from '../hooks/use-platform-queries.ts';
import { buildOrgUnitTree, sortedChildren, type OrgUnitTreeNode } from '../lib/org-unit-tree.ts';
import { OrgUnitFormModal, type OrgUnitEditTarget } from '../components/OrgUnitFormModal.tsx';

/** Renumbers the new siblings 10, 20, 30 … and patches only the units whose place changed. */
async function moveOrgUnit(units: TOrgUnit[], dragged: TOrgUnit, parentId: string | null, index: number) {
  const siblings = sortedChildren(units, parentId).filter((u) => u.id !== dragged.id);
  siblings.splice(index, 0, dragged);
  for (const [i, unit] of siblings.entries()) {
    const sortOrder = (i + 1) * 10;
    if (unit.id === dragged.id) await orgUnitsApi.update(unit.id, { parentId, sortOrder });
    else if (unit.sortOrder !== sortOrder) await orgUnitsApi.update(unit.id, { sortOrder });
  }
}

export function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const invalidate = useInvalidatePlatform();
  const canManage = useCan('platform.orgunit.manage');
  const orgUnits = useOrgUnits();
  const [target, setTarget] = useState<OrgUnitEditTarget | null>(null);
  const units = useMemo(() => orgUnits.data ?? [], [orgUnits.data]);
  const treeData = useMemo(() => buildOrgUnitTree(units), [units]);

  const remove = useMutation({
    mutationFn: (id: string) => orgUnitsApi.delete(id),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void invalidate();
    },
    onError: (e) => notifyError(e, t('departments.deleteFailed')),
  });
  const move = useMutation({
    mutationFn: (args: { dragged: TOrgUnit; parentId: string | null; index: number }) =>
      moveOrgUnit(units, args.dragged, args.parentId, args.index),
    onSuccess: () => void message.success(t('departments.moved')),
    onError: (e) => notifyError(e),
    onSettled: () => void invalidate(),
  });

  const onDrop: TreeProps<OrgUnitTreeNode>['onDrop'] = (info) => {
    const dragged = info.dragNode.unit;
    const dropUnit = info.node.unit;
    if (!info.dropToGap) return move.mutate({ dragged, parentId: dropUnit.id, index: 0 });
    const relative = info.dropPosition - Number(info.node.pos.split('-').pop());
    const siblings = sortedChildren(units, dropUnit.parentId).filter((u) => u.id !== dragged.id);
    const index = siblings.findIndex((u) => u.id === dropUnit.id) + (relative < 0 ? 0 : 1);
    move.mutate({ dragged, parentId: dropUnit.parentId, index });
  };

  const titleRender = (node: OrgUnitTreeNode) => (
    <Space data-testid={`department-${node.unit.code}`}>
      <ApartmentOutlined />
      <span>{node.unit.name}</span>
      <Typography.Text type="secondary">
        ({node.unit.code} · {t('departments.userCount', { count: node.unit.userCount })})
      </Typography.Text>
      {canManage && (
        <span onClick={(e) => e.stopPropagation()}>
          <Button
            size="small"
            type="link"
            icon={<PlusOutlined />}
            aria-label={t('departments.addChild')}
            onClick={() => setTarget({ parent: node.unit })}
          />
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            aria-label={t('common.edit')}
            onClick={() => setTarget({ unit: node.unit })}
          />
          <Popconfirm
            title={t('common.confirmDelete', { name: node.unit.name })}
            onConfirm={() => remove.mutate(node.unit.id)}
          >
            <Button
              size="small"
              type="link"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('common.delete')}
            />
          </Popconfirm>
        </span>
      )}
    </Space>
  );

  return (
    <PageCard
      title={t('menu.departments')}
      testId="departments-page"
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setTarget({ parent: null })}
            data-testid="department-create"
          >
            {t('departments.create')}
          </Button>
        )
      }
    >
      {canManage && units.length > 1 && (
        <Typography.Paragraph type="secondary">{t('departments.dragHint')}</Typography.Paragraph>
      )}
      {orgUnits.isLoading ? (
        <Skeleton active />
      ) : treeData.length === 0 ? (
        <Empty description={t('departments.empty')} />
      ) : (
        <Tree<OrgUnitTreeNode>
          blockNode
          defaultExpandAll
          treeData={treeData}
          titleRender={titleRender}
          draggable={canManage && !move.isPending ? { icon: false } : false}
          onDrop={onDrop}
          selectable={false}
        />
      )}
      <OrgUnitFormModal target={target} onClose={() => setTarget(null)} />
    </PageCard>
  );
}
