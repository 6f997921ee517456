import { Button, Flex, Radio, Select, Tag } from 'antd';
import { ORG_KIND_LABELS, ORG_KINDS, type OrgKind, type Targets } from '@jinguo/domain';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n';
import { OrgUnitSelect } from '../../../ui';

const KINDS: OrgKind[] = ORG_KINDS.filter((k) => k !== 'agency');

/** Who a task or notice goes to: every direct child unit, the units of some kinds below, or units picked one by one. */
export function TargetsInput({ value, onChange }: { value?: Targets; onChange?: (v: Targets) => void }) {
  const { t } = useI18n();
  const v = value ?? { mode: 'children' };
  const [picked, setPicked] = useState<{ id: string; name: string }[]>([]);
  const [next, setNext] = useState<{ id: string; name: string } | null>(null);
  return (
    <Flex vertical gap={8}>
      <Radio.Group
        value={v.mode}
        onChange={(e) => onChange?.({ mode: e.target.value, kinds: v.kinds, unitIds: v.unitIds })}
        options={[
          { value: 'children', label: t('全部下级（镇街、村社区）', 'All children') },
          { value: 'kinds', label: t('按单位类型', 'By kind') },
          { value: 'chosen', label: t('指定单位', 'Chosen units') },
        ]}
      />
      {v.mode === 'kinds' && (
        <Select
          mode="multiple"
          placeholder={t('选择单位类型', 'Kinds')}
          value={v.kinds}
          onChange={(kinds) => onChange?.({ ...v, kinds })}
          options={KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
          data-testid="target-kinds"
        />
      )}
      {v.mode === 'chosen' && (
        <>
          <Flex gap={8}>
            <OrgUnitSelect
              style={{ flex: 1 }}
              value={next?.id ?? null}
              onChange={(id, unit) => setNext(id && unit ? { id, name: unit.name } : null)}
            />
            <Button
              disabled={!next}
              onClick={() => {
                if (!next || picked.some((p) => p.id === next.id)) return;
                const all = [...picked, next];
                setPicked(all);
                setNext(null);
                onChange?.({ ...v, unitIds: all.map((p) => p.id) });
              }}
            >
              {t('添加', 'Add')}
            </Button>
          </Flex>
          <Flex gap={4} wrap>
            {picked.map((p) => (
              <Tag
                key={p.id}
                closable
                onClose={() => {
                  const all = picked.filter((x) => x.id !== p.id);
                  setPicked(all);
                  onChange?.({ ...v, unitIds: all.map((x) => x.id) });
                }}
              >
                {p.name}
              </Tag>
            ))}
          </Flex>
        </>
      )}
    </Flex>
  );
}
