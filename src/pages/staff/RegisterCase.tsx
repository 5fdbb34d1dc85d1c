import { useSignal } from '@preact/signals';
import { checkCreditCode } from '../../core/credit-code.ts';
import { checkIdNumber } from '../../core/id-number.ts';
import { Button } from '../shared/Button.tsx';
import { caseItems, registerCase } from './case-store.ts';
import { busy } from './store.ts';
import styles from './CaseDesk.module.css';

type Kind = 'person' | 'enterprise';

const ID_PROBLEMS: Record<string, string> = {
  shape: '身份证号码应为18位，最后一位可为X',
  'birth-date': '身份证号码中的出生日期不存在',
  'check-digit': '身份证号码校验位不符，请核对',
  length: '统一社会信用代码应为18位',
  characters: '统一社会信用代码含有不允许的字符（不含 I、O、S、V、Z）',
  'check-char': '统一社会信用代码校验位不符，请核对',
};

/** The problem with a number as typed so far; null while it is fine or still empty. */
function numberProblem(kind: Kind, typed: string): string | null {
  const value = typed.trim();
  if (value === '') return null;
  const checked = kind === 'person' ? checkIdNumber(value) : checkCreditCode(value);
  return checked.ok ? null : (ID_PROBLEMS[checked.problem] ?? '号码有误');
}

/** A walk-in applicant's case, typed in at the window: item, applicant, and whether it is accepted now. */
export function RegisterCase() {
  const itemCode = useSignal('');
  const kind = useSignal<Kind>('person');
  const name = useSignal('');
  const idNumber = useSignal('');
  const accept = useSignal(true);
  // One clientId per registration: a retry after a lost answer registers the case once.
  const clientId = useSignal(crypto.randomUUID());
  const items = caseItems.value;
  const problem = numberProblem(kind.value, idNumber.value);
  const complete = itemCode.value !== '' && name.value.trim() !== '' && idNumber.value.trim() !== '' && problem === null;
  const chosen = items?.find((item) => item.code === itemCode.value);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!complete) return;
    const done = await registerCase({ clientId: clientId.value, itemCode: itemCode.value, applicant: { kind: kind.value, id: idNumber.value.trim().toUpperCase(), name: name.value.trim() }, accept: accept.value });
    if (!done) return;
    // The applicant's number leaves the page with the registration.
    name.value = '';
    idNumber.value = '';
    clientId.value = crypto.randomUUID();
  };

  return (
    <form class={styles.panel} onSubmit={(event) => void submit(event)} data-testid="case-register">
      <h2 class={styles.cardTitle}>登记窗口办件</h2>
      <label class={styles.field}>
        办理事项
        <select class={styles.input} value={itemCode.value} onChange={(event) => (itemCode.value = event.currentTarget.value)} data-testid="register-item">
          <option value="">{items === null ? '正在读取事项…' : '请选择事项'}</option>
          {items?.map((item) => (
            <option key={item.code} value={item.code}>
              {item.name['zh-CN']}
            </option>
          ))}
        </select>
        {chosen && (
          <span class={styles.hint}>
            {chosen.department} · 承诺时限 {chosen.promisedLimitDays === 0 ? '即办' : `${chosen.promisedLimitDays} 个工作日`}
          </span>
        )}
      </label>
      <div class={styles.kindRow} role="radiogroup" aria-label="申请人类型">
        {(['person', 'enterprise'] as const).map((option) => (
          <label key={option} class={styles.kindOption}>
            <input type="radio" name="applicant-kind" checked={kind.value === option} onChange={() => (kind.value = option)} data-testid={`register-kind-${option}`} />
            {option === 'person' ? '个人' : '企业'}
          </label>
        ))}
      </div>
      <div class={styles.fieldRow}>
        <label class={styles.field}>
          {kind.value === 'person' ? '申请人姓名' : '企业名称'}
          <input class={styles.input} value={name.value} maxLength={64} autoComplete="off" onInput={(event) => (name.value = event.currentTarget.value)} data-testid="register-name" />
        </label>
        <label class={styles.field}>
          {kind.value === 'person' ? '公民身份号码' : '统一社会信用代码'}
          <input
            class={`${styles.input} ${problem ? styles.inputError : ''}`}
            value={idNumber.value}
            maxLength={18}
            autoComplete="off"
            inputMode={kind.value === 'person' ? 'numeric' : 'text'}
            aria-invalid={problem !== null}
            onInput={(event) => (idNumber.value = event.currentTarget.value)}
            data-testid="register-id"
          />
        </label>
      </div>
      <p class={styles.fieldError} role="alert" data-testid="register-id-problem">
        {problem ?? ''}
      </p>
      <label class={styles.check}>
        <input type="checkbox" checked={accept.value} onChange={(event) => (accept.value = event.currentTarget.checked)} data-testid="register-accept" />
        材料已核验，登记后立即受理（开始计算承诺时限）
      </label>
      <Button variant="primary" type="submit" disabled={busy.value || !complete} testId="register-submit">
        {accept.value ? '登记并受理' : '登记'}
      </Button>
    </form>
  );
}
