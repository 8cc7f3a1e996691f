import { useEffect, useState } from 'react';
import { Alert, Button, Col, Form, Input, Row, Select, Skeleton, Switch, Typography } from 'antd';
import type { Input as RouteInput } from '../../../shared/api';
import type { EnterpriseRecord } from '../../../shared/schemas/enterprise';
import { creditCodeSchema } from '../../../shared/schemas/fields';
import { checkCreditCode } from '../../../shared/validation/creditCode';
import { call } from '../../api/client';
import { DateField } from '../../components/DateField';
import { FormDrawer } from '../../components/FormDrawer';
import { LoadError } from '../../components/LoadError';
import { required, zodRule } from '../../components/formRules';
import { useQuery } from '../../components/useQuery';
import { formatDateTime } from '../../format';
import { useCan } from '../../session';
import { gradeOptions, kindOptions } from './labels';

export type EnterpriseDialog = { kind: 'create' } | { kind: 'edit'; id: number };
type Values = RouteInput<'enterprises.create'>;

interface Props {
  dialog: EnterpriseDialog;
  onClose(): void;
  onSaved(row: EnterpriseRecord, created: boolean): void;
  /** Switches the drawer to another enterprise (the one that already has the typed code). */
  onOpen(id: number): void;
}

/** 新增 / 编辑 an enterprise; an existing record is loaded first. */
export function EnterpriseDrawer({ dialog, onClose, onSaved, onOpen }: Props) {
  if (dialog.kind === 'create') return <EnterpriseForm onClose={onClose} onSaved={onSaved} onOpen={onOpen} />;
  return <EditLoader key={dialog.id} id={dialog.id} onClose={onClose} onSaved={onSaved} onOpen={onOpen} />;
}

function EditLoader({ id, ...rest }: Omit<Props, 'dialog'> & { id: number }) {
  const rec = useQuery('enterprises.get', { id });
  if (!rec.data) {
    return (
      <FormDrawer title="经营主体" name="enterpriseLoading" onSubmit={async () => undefined} onClose={rest.onClose} editable={false}>
        <LoadError error={rec.error} onRetry={rec.reload} />
        {!rec.error && <Skeleton active />}
      </FormDrawer>
    );
  }
  return <EnterpriseForm record={rec.data} {...rest} />;
}

/** The enterprise already registered under the typed code, if any (looked up once the code is valid). */
function useExisting(codeValue: unknown): { id: number; name: string } | null {
  const [found, setFound] = useState<{ code: string; hit: { id: number; name: string } | null } | null>(null);
  const check = typeof codeValue === 'string' ? checkCreditCode(codeValue) : null;
  const valid = check?.ok ? check.code : null;
  useEffect(() => {
    if (!valid) return;
    let live = true;
    call('enterprises.findByCode', { creditCode: valid }).then(
      (hit) => live && setFound({ code: valid, hit }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [valid]);
  return found && found.code === valid ? found.hit : null;
}

function EnterpriseForm({ record, onClose, onSaved, onOpen }: Omit<Props, 'dialog'> & { record?: EnterpriseRecord }) {
  const [form] = Form.useForm<Values>();
  const canEdit = useCan(record ? 'enterprises.update' : 'enterprises.create');
  const whitelist = Form.useWatch('whitelist', form) as boolean | undefined;
  const keySupervision = Form.useWatch('keySupervision', form) as boolean | undefined;
  const existing = useExisting(Form.useWatch('creditCode', form));
  const duplicate = existing && existing.id !== record?.id ? existing : null;

  const submit = async (v: Values): Promise<void> => {
    // Only the contract's fields (the form's store also holds the record's id, uuid, …).
    const clean: Values = {
      creditCode: v.creditCode,
      name: v.name,
      kind: v.kind,
      address: v.address,
      legalRep: v.legalRep ?? null,
      phone: v.phone ?? null,
      industry: v.industry ?? null,
      park: v.park ?? null,
      grade: v.grade ?? null,
      whitelist: Boolean(v.whitelist),
      whitelistDate: v.whitelist ? v.whitelistDate : null,
      whitelistReason: v.whitelist ? v.whitelistReason : null,
      keySupervision: Boolean(v.keySupervision),
      keySupervisionDate: v.keySupervision ? v.keySupervisionDate : null,
      keySupervisionReason: v.keySupervision ? v.keySupervisionReason : null,
    };
    const saved = record ? await call('enterprises.update', { ...clean, id: record.id, version: record.version }) : await call('enterprises.create', clean);
    onSaved(saved, !record);
  };

  const notice = duplicate && (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={`该统一社会信用代码已登记为“${duplicate.name}”`}
      description="同一经营主体只登记一次。请打开已有主体查看或修改。"
      action={
        <Button size="small" onClick={() => onOpen(duplicate.id)}>
          打开已有主体
        </Button>
      }
    />
  );

  return (
    <FormDrawer<Values>
      title={record ? `${canEdit ? '编辑经营主体' : '经营主体'}：${record.name}` : '新增经营主体'}
      name="enterprise"
      okText={record ? '保存' : '新增'}
      form={form}
      initialValues={record ?? { kind: '企业', whitelist: false, keySupervision: false }}
      onSubmit={submit}
      onClose={onClose}
      notice={notice}
      editable={canEdit}
    >
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            label="统一社会信用代码"
            name="creditCode"
            validateDebounce={250}
            rules={[required('统一社会信用代码'), zodRule(creditCodeSchema)]}
            extra="18 位；输错时会指出是第几位"
          >
            <Input autoFocus={!record} autoComplete="off" maxLength={24} style={{ fontFamily: 'Consolas, "DejaVu Sans Mono", monospace' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="主体类型" name="kind" rules={[required('主体类型', '请选择')]}>
            <Select options={kindOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="名称" name="name" rules={[required('名称'), { max: 100, message: '名称最多 100 个字符' }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label="住所" name="address" rules={[required('住所'), { max: 200, message: '住所最多 200 个字符' }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item label="法定代表人（负责人）" name="legalRep">
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="联系电话" name="phone">
            <Input autoComplete="off" maxLength={24} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item label="信用风险等级" name="grade">
            <Select options={gradeOptions} allowClear placeholder="未评定" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="行业" name="industry">
            <Input autoComplete="off" maxLength={60} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="所在园区" name="park">
            <Input autoComplete="off" maxLength={60} />
          </Form.Item>
        </Col>
      </Row>
      <FlagFields name="whitelist" label="白名单" on={Boolean(whitelist)} hint="列入白名单的主体减少检查频次" />
      <FlagFields name="keySupervision" label="重点监管" on={Boolean(keySupervision)} hint="列入重点监管的主体增加检查频次；不能同时列入白名单" />
      {record && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          登记于 {formatDateTime(record.createdAt)}，最后修改 {formatDateTime(record.updatedAt)}（第 {record.version} 版）
        </Typography.Paragraph>
      )}
    </FormDrawer>
  );
}

function FlagFields({ name, label, on, hint }: { name: 'whitelist' | 'keySupervision'; label: string; on: boolean; hint: string }) {
  return (
    <Row gutter={16} align="top">
      <Col span={6}>
        <Form.Item label={`列入${label}`} name={name} valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
      </Col>
      {on ? (
        <>
          <Col span={6}>
            <Form.Item label={`列入${label}日期`} name={`${name}Date`} rules={[required(`列入${label}日期`, '请选择')]}>
              <DateField />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label={`列入${label}理由`} name={`${name}Reason`} rules={[required(`列入${label}理由`)]}>
              <Input autoComplete="off" maxLength={200} />
            </Form.Item>
          </Col>
        </>
      ) : (
        <Col span={18} style={{ paddingTop: 34 }}>
          <Typography.Text type="secondary">{hint}</Typography.Text>
        </Col>
      )}
    </Row>
  );
}
