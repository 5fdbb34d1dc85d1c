import { Button } from '../shared/Button.tsx';
import { beijingTimeWithSeconds } from '../shared/beijing-time.ts';
import type { DemoHolder } from './api.ts';
import { DemoCodeQr } from './DemoCodeQr.tsx';
import { chooseHolder, generateCode, holders, holdersFailed, loadHolders, minting, secondsLeft, selectedHolder, shown } from './demo-code-store.ts';
import { notice } from './store.ts';
import styles from './DemoCode.module.css';
import adminStyles from './Admin.module.css';

/** Large enough for a phone or the terminal's camera at 30–50 cm, small enough for a laptop screen. */
const QR_MAX_PX = 480;

const KIND_NAMES: Record<string, string> = { person: '个人', enterprise: '企业' };

/** 演示身份码: an identity code of the demo provider for a fictional holder, shown as a QR code. */
export function DemoCodePage() {
  return (
    <main class={adminStyles.main}>
      <div class={adminStyles.summary}>
        <h2 class={adminStyles.sectionTitle}>演示身份码</h2>
      </div>
      {notice.value && (
        <p class={`${adminStyles.notice} ${notice.value.tone === 'error' ? adminStyles.noticeError : adminStyles.noticeInfo}`} role="alert" data-testid="admin-notice">
          {notice.value.text}
        </p>
      )}
      <div class={styles.layout}>
        <HolderPicker />
        <CodePanel />
      </div>
    </main>
  );
}

function HolderGroup({ kind, members }: { kind: string; members: DemoHolder[] }) {
  return (
    <fieldset class={styles.group}>
      <legend class={styles.groupTitle}>{KIND_NAMES[kind] ?? kind}</legend>
      <div class={kind === 'enterprise' ? styles.holdersWide : styles.holders}>
        {members.map((holder) => (
          <label key={holder.key} class={`${styles.holder} ${selectedHolder.value === holder.key ? styles.holderChosen : ''}`}>
            <input
              type="radio"
              name="demo-holder"
              value={holder.key}
              checked={selectedHolder.value === holder.key}
              onChange={() => chooseHolder(holder.key)}
              data-testid={`holder-${holder.key}`}
            />
            <span>{holder.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function HolderPicker() {
  const list = holders.value;
  const kinds = [...new Set(list?.map((holder) => holder.kind) ?? [])];
  const hasCode = shown.value.kind !== 'none';
  return (
    <section class={styles.panel} aria-labelledby="demo-holders-title">
      <h3 id="demo-holders-title" class={styles.panelTitle}>
        选择虚构持有人
      </h3>
      {list === null && holdersFailed.value && (
        <Button onClick={() => void loadHolders()} testId="demo-holders-retry">
          重新读取持有人列表
        </Button>
      )}
      {list === null ? (
        !holdersFailed.value && <p class={adminStyles.muted}>正在读取演示持有人…</p>
      ) : (
        kinds.map((kind) => <HolderGroup key={kind} kind={kind} members={list.filter((holder) => holder.kind === kind)} />)
      )}
      <Button variant="primary" class={styles.generate} disabled={selectedHolder.value === null || minting.value} onClick={() => void generateCode()} testId="demo-generate">
        {minting.value ? '正在生成…' : hasCode ? '重新生成' : '生成身份码'}
      </Button>
      <div class={styles.note}>
        <p>身份码由演示签发方签名，持有人均为虚构的人物和企业，不对应任何真实身份，仅用于试用终端的摄像头和扫码器。</p>
        <p>在终端的身份识别页面，将本页二维码对准扫码窗口或摄像头即可。每个身份码 5 分钟内有效，且只能使用一次。</p>
      </div>
    </section>
  );
}

function formatCountdown(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function CodePanel() {
  const current = shown.value;
  if (current.kind === 'none') {
    return (
      <section class={`${styles.panel} ${styles.codePanel} ${styles.empty}`} data-testid="demo-code-empty">
        <p>选择持有人后点击“生成身份码”，二维码将显示在这里。</p>
      </section>
    );
  }
  if (current.kind === 'expired') {
    return (
      <section class={`${styles.panel} ${styles.codePanel} ${styles.empty}`} role="status" data-testid="demo-code-expired">
        <p class={styles.expired}>{current.holder.label} 的身份码已过期</p>
        <p>请点击“重新生成”。</p>
      </section>
    );
  }
  const seconds = secondsLeft.value;
  return (
    <section class={`${styles.panel} ${styles.codePanel}`} data-testid="demo-code">
      <p class={styles.codeHolder} data-testid="demo-code-holder">
        {current.holder.label}
        <span class={styles.kindTag}>{KIND_NAMES[current.holder.kind] ?? current.holder.kind}</span>
      </p>
      <div class={styles.qrFrame}>
        <DemoCodeQr data={current.code} maxSize={QR_MAX_PX} label={`${current.holder.label}的演示身份码`} />
      </div>
      <p class={`${styles.countdown} ${seconds <= 30 ? styles.countdownLow : ''}`} role="timer" aria-live="off" data-testid="demo-code-countdown">
        剩余有效时间 <strong>{formatCountdown(seconds)}</strong>
      </p>
      {current.expiresAt !== null && <p class={styles.expiresAt}>有效至 {beijingTimeWithSeconds(current.expiresAt)}（北京时间）</p>}
    </section>
  );
}
