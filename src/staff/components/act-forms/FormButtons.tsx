import { ButtonPair } from '../../../components/ui';

/**
 * Submit and cancel of a step form: the shared ButtonPair (取消 beside the taller main action, top-aligned).
 * Both are disabled while a call runs; the main action then reads 提交中…. An irreversible step's main
 * action is `danger` and ends in "…": it opens the confirmation, which carries the final 确认… button.
 */
export function FormButtons({
  label,
  running,
  onSubmit,
  onCancel,
  danger = false,
}: {
  label: string;
  running: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  danger?: boolean;
}) {
  return (
    <ButtonPair
      className="act-form__buttons"
      primary={label}
      primaryKind={danger ? 'danger' : 'primary'}
      onPrimary={onSubmit}
      onCancel={onCancel}
      loading={running}
      loadingText="提交中…"
      primaryClassName="act-form__submit"
      cancelClassName="act-form__cancel"
    />
  );
}
