import { App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../app/i18n';
import { applyServerErrors } from './errors';

/**
 * The one dialog for "fill a form, send one request": the modal, its form, the busy button, and the server's answer
 * — field errors shown beside their fields, anything else as a message. `onSubmit` sends; when it resolves the
 * dialog closes (it may navigate or show a success message itself). `onError` sees a failure first and returns
 * true when it dealt with it (a 412 offered for reload, a refusal shown in the dialog …).
 *
 * The form is the dialog's own unless the caller passes one (to watch a field with Form.useWatch).
 */
export function FormDialog<T extends object>({
  open,
  title,
  onClose,
  onSubmit,
  onError,
  children,
  form: given,
  initialValues,
  okText,
  width = 560,
  testId,
}: {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  onSubmit: (values: T) => Promise<unknown>;
  onError?: (err: unknown) => boolean;
  children: ReactNode;
  form?: FormInstance<T>;
  initialValues?: Partial<T>;
  okText?: string;
  width?: number;
  testId?: string;
}) {
  const [own] = Form.useForm<T>();
  const form = given ?? own;
  const { message } = App.useApp();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText={okText ?? t('确定', 'OK')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      destroyOnHidden
      onOk={() => form.submit()}
      width={width}
      data-testid={testId}
    >
      <Form<T>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues as never}
        onFinish={async (v) => {
          setBusy(true);
          try {
            await onSubmit(v);
            onClose();
          } catch (e) {
            if (!onError?.(e)) message.error(applyServerErrors(form, e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}
