import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { PIN_PATTERN, type PinLockStatus } from '../../core/admin-pin.ts';
import { adminLockStatus, tryAdminPin } from '../../platform/admin-lock.ts';
import { kioskConfig } from '../../platform/config.ts';
import { Button } from '../components/Button.tsx';
import { Keypad } from '../components/Keypad.tsx';
import overlay from '../components/Overlay.module.css';
import { t } from '../i18n/index.ts';
import { navigate } from '../router.ts';
import { closePinDialog } from './store.ts';

const PIN_MAX_LENGTH = 12;

function lockMessage(status: PinLockStatus): string | null {
  return status.locked ? t('admin.pin.locked', { minutes: Math.ceil(status.remainingMs / 60_000) }) : null;
}

export function PinDialog() {
  const pin = useSignal('');
  const message = useSignal<string | null>(null);
  const locked = useSignal(false);
  const checking = useSignal(false);

  useEffect(() => {
    void adminLockStatus().then((status) => {
      locked.value = status.locked;
      message.value = lockMessage(status);
    });
  }, []);

  const submit = async () => {
    checking.value = true;
    const result = await tryAdminPin(pin.value, kioskConfig.value.adminPinHash);
    checking.value = false;
    pin.value = '';
    if (result.ok) {
      closePinDialog();
      navigate('admin');
      return;
    }
    const { error } = result;
    locked.value = error.code === 'pin-locked';
    message.value =
      error.code === 'pin-locked'
        ? lockMessage({ locked: true, remainingMs: error.remainingMs })
        : t('admin.pin.wrong', { attempts: error.attemptsLeft });
  };

  return (
    <div class={overlay.backdrop}>
      <div class={overlay.dialog} role="dialog" aria-modal="true" aria-labelledby="pin-title" data-testid="pin-dialog">
        <h2 class={overlay.title} id="pin-title">
          {t('admin.pin.title')}
        </h2>
        <p>{t('admin.pin.prompt')}</p>
        <output class={overlay.big} aria-label={t('admin.pin.prompt')} data-testid="pin-dots">
          {'•'.repeat(pin.value.length) || '\u00a0'}
        </output>
        <p role="alert" data-testid="pin-message">
          {checking.value ? t('admin.pin.checking') : message.value}
        </p>
        {!locked.value && <Keypad read={() => pin.value} onChange={(value) => (pin.value = value)} maxLength={PIN_MAX_LENGTH} />}
        <div style={{ display: 'flex', gap: '16px' }}>
          <Button onClick={closePinDialog} testId="pin-cancel">
            {t('admin.pin.cancel')}
          </Button>
          <Button
            primary
            disabled={locked.value || checking.value || !PIN_PATTERN.test(pin.value)}
            onClick={() => void submit()}
            testId="pin-submit"
          >
            {t('admin.pin.submit')}
          </Button>
        </div>
      </div>
    </div>
  );
}
