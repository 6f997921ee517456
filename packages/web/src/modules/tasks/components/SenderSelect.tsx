import { Select } from 'antd';
import { permissionsOf, type Permission } from '@jinguo/domain';
import { useMe } from '../../../app/auth';

/** The units the caller may send from: those of her roles that hold the permission. */
export function useSenderUnits(permission: Permission = 'tasks.write') {
  const { data } = useMe();
  const seen = new Map<string, string>();
  for (const r of data?.roles ?? []) if (permissionsOf(r.role).includes(permission)) seen.set(r.orgUnitId, r.orgUnitName);
  return [...seen].map(([value, label]) => ({ value, label }));
}

export function SenderSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const options = useSenderUnits();
  return <Select value={value} onChange={onChange} options={options} data-testid="sender-unit" />;
}
