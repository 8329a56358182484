import { fireEvent, render, screen } from '@testing-library/react';
import { EnterpriseForm, checkEnterpriseForm, emptyEnterpriseForm } from './EnterpriseForm';

const AREAS = [{ id: 'gk2', name: '共康二村' }];
const INDUSTRIES = [
  { id: 'trade', name: '工贸（其他）', highRisk: false },
  { id: 'chemicals', name: '危险化学品', highRisk: true },
];
// A real code whose check character is right (GB 32100-2015).
const VALID_CODE = '91310000MA1FL0WF18';

function renderForm() {
  const onSubmit = jest.fn();
  render(<EnterpriseForm areas={AREAS} industries={INDUSTRIES} onSubmit={onSubmit} submitLabel="提交登记" />);
  return onSubmit;
}
const type = (placeholder: RegExp, value: string) =>
  fireEvent.change(screen.getByPlaceholderText(placeholder), { target: { value } });

function fillValid() {
  type(/与营业执照一致/, '庙行精密机械有限公司');
  type(/18 位，见营业执照/, VALID_CODE);
  fireEvent.click(screen.getByText('工贸（其他）'));
  fireEvent.click(screen.getByText('共康二村'));
  type(/长江西路/, '长江西路 100 号');
  type(/^姓名$/, '王经理');
  type(/11 位手机号/, '13812345678');
  type(/如 35/, '35');
}

describe('EnterpriseForm', () => {
  test('an empty form names every required field and submits nothing', () => {
    const onSubmit = renderForm();
    fireEvent.click(screen.getByText('提交登记'));
    expect(onSubmit).not.toHaveBeenCalled();
    for (const msg of [
      '请填写企业名称',
      '请填写统一社会信用代码',
      '请选择行业',
      '请选择所在居民区或村',
      '请填写地址',
      '请填写姓名',
      '请填写从业人数',
    ])
      expect(screen.getByText(msg)).toBeTruthy();
  });

  test('the credit code placeholder is short (fits 320 px in large text); the example sits in the hint', () => {
    renderForm();
    const input = screen.getByPlaceholderText('18 位，见营业执照');
    expect(input.getAttribute('placeholder')!.length).toBeLessThanOrEqual(10);
    expect(screen.getByText('营业执照上的 18 位代码，如 91310113MA1GXXXXXX')).toBeTruthy();
  });

  test('a credit code of the wrong length or with I/O/Z/S/V is refused with a plain message', () => {
    const onSubmit = renderForm();
    fillValid();
    type(/18 位，见营业执照/, '9131000MA1FL0WF1');
    fireEvent.click(screen.getByText('提交登记'));
    expect(screen.getByText('统一社会信用代码应为 18 位，现在是 16 位')).toBeTruthy();
    type(/18 位，见营业执照/, '91310000MA1FLOWF18'); // a letter O where a zero belongs
    expect(screen.queryByText(/现在是 16 位/)).toBeNull(); // the error clears once the field changes
    fireEvent.click(screen.getByText('提交登记'));
    expect(screen.getByText(/不含 I、O、Z、S、V/)).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  test('lower case and spaces are normalised, and a complete form submits the contract input', () => {
    const onSubmit = renderForm();
    fillValid();
    type(/18 位，见营业执照/, '91310000 ma1fl0wf18');
    fireEvent.click(screen.getByText('提交登记'));
    expect(onSubmit).toHaveBeenCalledWith({
      name: '庙行精密机械有限公司',
      creditCode: VALID_CODE,
      industry: 'trade',
      areaId: 'gk2',
      address: '长江西路 100 号',
      contact: { name: '王经理', phone: '13812345678' },
      workerCount: 35,
    });
  });

  test('a high-risk industry says so where it is chosen', () => {
    renderForm();
    expect(screen.queryByText('高危行业')).toBeNull();
    fireEvent.click(screen.getByText('危险化学品'));
    expect(screen.getByText('高危行业')).toBeTruthy();
  });

  test('the check: a bad phone and a zero worker count are field errors', () => {
    const { errors } = checkEnterpriseForm({
      ...emptyEnterpriseForm(),
      name: '某公司',
      creditCode: VALID_CODE,
      industry: 'trade',
      areaId: 'gk2',
      address: '某路 1 号',
      contactName: '王',
      contactPhone: '123',
      workerCount: '0',
    });
    expect(errors.contactPhone).toBeTruthy();
    expect(errors.workerCount).toBe('至少 1 人');
    expect(errors.creditCode).toBeUndefined();
  });
});
