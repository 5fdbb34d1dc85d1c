import type { ReceiptDocument } from '../../core/receipt.ts';
import { QrCode } from './QrCode.tsx';
import styles from './ReceiptView.module.css';

/** The receipt document on screen, as the printer would print it: the fallback without a printer. */
export function ReceiptView({ receipt, qrLabel }: { receipt: ReceiptDocument; qrLabel: string }) {
  return (
    <div class={styles.paper} data-testid="receipt">
      {receipt.items.map((item, index) => {
        switch (item.type) {
          case 'text':
            return (
              <p key={index} class={[styles.line, styles[item.align ?? 'left'], item.bold && styles.bold, item.size && item.size !== 'normal' && styles[item.size]].filter(Boolean).join(' ')}>
                {item.text}
              </p>
            );
          case 'rule':
            return <hr key={index} class={styles.rule} />;
          case 'qr':
            return (
              <div key={index} class={styles.qr} data-testid="receipt-qr" data-qr={item.data}>
                <QrCode data={item.data} label={qrLabel} />
              </div>
            );
          case 'barcode':
            return (
              <p key={index} class={styles.barcode}>
                {item.data}
              </p>
            );
          default:
            return null;
        }
      })}
    </div>
  );
}
