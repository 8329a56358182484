import { Input, Text } from '@tarojs/components';
import { useState } from 'react';
import { Dialog } from '../../components/ui/Dialog';
import { Field } from '../../components/ui/Field';
import { asCloudError } from '../../services/errors';
import '../../components/Form.css';
import '../office.css';

/**
 * A confirmation that states the consequence and (optionally) asks a reason; the action runs on 确认 and the
 * dialog stays open with the server's message if it fails.
 */
export function ReasonDialog({
  open,
  title,
  consequence,
  confirmText,
  danger = false,
  reasonLabel = '原因',
  reasonRequired = false,
  missingReason = '请填写原因',
  placeholder = '请填写原因',
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  consequence: string;
  confirmText: string;
  danger?: boolean;
  /** Leave undefined for a plain confirmation without a reason field. */
  reasonLabel?: string | null;
  reasonRequired?: boolean;
  missingReason?: string;
  placeholder?: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const close = () => {
    setReason('');
    setError('');
    onClose();
  };
  const confirm = async () => {
    const text = reason.trim();
    if (reasonLabel && reasonRequired && text.length < 2) {
      setError(missingReason);
      return;
    }
    setBusy(true);
    setError('');
    try {
      await onConfirm(text);
      setReason('');
      onClose();
    } catch (e) {
      setError(asCloudError(e, '操作失败，请重试').message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={open}
      danger={danger}
      title={title}
      consequence={consequence}
      confirmText={confirmText}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={close}
    >
      {reasonLabel ? (
        <Field label={reasonLabel} required={reasonRequired} error={error}>
          {(control) => (
            <Input
              className="form-input"
              value={reason}
              maxlength={200}
              placeholder={placeholder}
              onInput={(e) => setReason(e.detail.value)}
              {...control}
            />
          )}
        </Field>
      ) : (
        error && <Text className="office-error">{error}</Text>
      )}
    </Dialog>
  );
}
