/**
 * Reads a QR code with the terminal's camera. html5-qrcode (with its zxing decoder) is loaded
 * only when this component mounts, so no other screen pays for it; Chromium's BarcodeDetector
 * is used where it exists. The camera is released when the component goes away (a code was
 * read, the citizen closed it, or the session ended).
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { reportScan } from '../../platform/scans.ts';
import { t } from '../i18n/index.ts';
import { Button } from './Button.tsx';
import styles from './CameraScanner.module.css';

const VIEW_ID = 'camera-scanner-view';

type CameraState = 'starting' | 'scanning' | 'unavailable';

export function CameraScanner({ onClose }: { onClose: () => void }) {
  const state = useSignal<CameraState>('starting');
  useEffect(() => {
    let stopped = false;
    let stopCamera: (() => Promise<void>) | null = null;
    void (async () => {
      try {
        const { Html5Qrcode, Html5QrcodeSupportedFormats } = await import('html5-qrcode');
        if (stopped) return;
        const cameras = await Html5Qrcode.getCameras();
        const camera = cameras[0];
        if (stopped) return;
        if (!camera) throw new Error('no camera');
        const scanner = new Html5Qrcode(VIEW_ID, {
          verbose: false,
          formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
          useBarCodeDetectorIfSupported: true,
        });
        await scanner.start(
          camera.id,
          { fps: 10, qrbox: { width: 260, height: 260 } },
          (text) => {
            reportScan(text, 'camera');
            onClose();
          },
          () => {},
        );
        stopCamera = async () => {
          if (scanner.isScanning) await scanner.stop();
          scanner.clear();
        };
        if (stopped) await stopCamera();
        else state.value = 'scanning';
      } catch {
        if (!stopped) state.value = 'unavailable';
      }
    })();
    return () => {
      stopped = true;
      void stopCamera?.().catch(() => {});
    };
  }, []);
  return (
    <div class={styles.camera} data-testid="camera-scanner" data-state={state.value}>
      <p class={styles.title}>{t(state.value === 'unavailable' ? 'camera.unavailable' : state.value === 'starting' ? 'camera.starting' : 'camera.title')}</p>
      <div id={VIEW_ID} class={styles.view} />
      <Button onClick={onClose} testId="camera-close">
        {t('camera.close')}
      </Button>
    </div>
  );
}
