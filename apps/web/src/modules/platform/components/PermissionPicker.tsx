import { Card, Checkbox, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface Props {
  catalogue: string[];
  value?: string[];
  onChange?: (value: string[]) => void;
  disabled?: boolean;
}

/** `module.resource.action` grouped by module, one row per resource with its actions as checkboxes. */
export function PermissionPicker({ catalogue, value = [], onChange, disabled }: Props) {
  const { t } = useTranslation();
  const selected = new Set(value);
  const modules = new Map<string, Map<string, string[]>>();
  for (const permission of catalogue) {
    const [module = '', resource = '', action = ''] = permission.split('.');
    const resources = modules.get(module) ?? new Map<string, string[]>();
    resources.set(resource, [...(resources.get(resource) ?? []), action]);
    modules.set(module, resources);
  }
  const toggle = (permissions: string[], checked: boolean) => {
    const next = new Set(selected);
    for (const p of permissions) {
      if (checked) next.add(p);
      else next.delete(p);
    }
    onChange?.(catalogue.filter((p) => next.has(p)));
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="permission-picker">
      {[...modules].map(([module, resources]) => {
        const all = [...resources].flatMap(([resource, actions]) =>
          actions.map((a) => `${module}.${resource}.${a}`),
        );
        const count = all.filter((p) => selected.has(p)).length;
        return (
          <Card
            key={module}
            size="small"
            title={
              <Checkbox
                disabled={disabled}
                checked={count === all.length}
                indeterminate={count > 0 && count < all.length}
                onChange={(e) => toggle(all, e.target.checked)}
              >
                {t(`menu.${module}`, { defaultValue: module })}
              </Checkbox>
            }
          >
            {[...resources].map(([resource, actions]) => (
              <div key={resource} style={{ display: 'flex', gap: 16, padding: '4px 0' }}>
                <Typography.Text style={{ width: 140 }}>
                  {t(`permission.resource.${module}_${resource}`, { defaultValue: resource })}
                </Typography.Text>
                {actions.map((action) => {
                  const permission = `${module}.${resource}.${action}`;
                  return (
                    <Checkbox
                      key={action}
                      disabled={disabled}
                      checked={selected.has(permission)}
                      onChange={(e) => toggle([permission], e.target.checked)}
                      data-testid={`perm-${permission}`}
                    >
                      {t(`permission.action.${action}`, { defaultValue: action })}
                    </Checkbox>
                  );
                })}
              </div>
            ))}
          </Card>
        );
      })}
    </Space>
  );
}
