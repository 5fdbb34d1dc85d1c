import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Material, ServiceItem } from '../../core/catalog.ts';
import { guideChecklistReceipt } from '../../core/guide-receipt.ts';
import { clock } from '../../platform/clock.ts';
import { kioskConfig } from '../../platform/config.ts';
import { Button } from '../components/Button.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { ReceiptView } from '../components/ReceiptView.tsx';
import { language, localized, t, type MessageKey } from '../i18n/index.ts';
import { voicePrompt } from '../voice.ts';
import { handlingText, lifeEventName, limitText, materialForm } from './labels.ts';
import { applyAtTerminal, checklistPrint, goBack, openedItem, printChecklist } from './store.ts';
import shared from '../journeys/JourneyScreen.module.css';
import styles from './Guide.module.css';

/** One row of the guide: the field's label and its value, named for the tests by the catalog field. */
function Field({ name, label, wide = false, children }: { name: string; label: MessageKey; wide?: boolean; children: ComponentChildren }) {
  return (
    <div class={`${styles.field} ${wide ? styles.wide : ''}`} data-testid={`guide-field-${name}`}>
      <dt>{t(label)}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const yesNo = (allowed: boolean) => t(allowed ? 'guide.allowed' : 'guide.notAllowed');

function MaterialRow({ material }: { material: Material }) {
  return (
    <li class={styles.material} data-testid="guide-material" data-e-certificate={material.certificateType ? 'yes' : 'no'}>
      <strong>{material.name}</strong>
      <span>{materialForm(material)}</span>
      {material.certificateType && <span class={styles.exempt}>{t('guide.material.eCertificate', { type: material.certificateType })}</span>}
      {material.deferrable && <span class={styles.deferrable}>{t('guide.material.deferrable')}</span>}
      {material.note && <span class={styles.note}>{material.note}</span>}
    </li>
  );
}

/** For items this terminal cannot take: the window, its hours, and the online address. */
function WhereToGo({ item }: { item: ServiceItem }) {
  return (
    <div class={styles.whereToGo} role="note" data-testid="guide-where-to-go">
      <p>{t('guide.whereToGo', { place: item.place, hours: item.hours })}</p>
      {item.onlineUrl && <p>{t('guide.whereToGo.online', { url: item.onlineUrl })}</p>}
    </div>
  );
}

function PrintStatus() {
  const state = checklistPrint.value;
  useEffect(() => {
    if (state.kind === 'done') voicePrompt('guide.print.done');
  }, [state.kind]);
  if (state.kind === 'idle') return null;
  const key: MessageKey =
    state.kind === 'printing'
      ? 'guide.print.printing'
      : state.kind === 'done'
        ? 'guide.print.done'
        : state.kind === 'screen'
          ? 'guide.print.screen'
          : state.reason === 'paper-out'
            ? 'guide.print.paperOut'
            : 'guide.print.failed';
  const problem = state.kind === 'failed';
  return (
    <p class={problem ? `${shared.notice} ${styles.printProblem}` : styles.printStatus} role={problem ? 'alert' : 'status'} data-testid="guide-print-status" data-state={state.kind}>
      {t(key)}
    </p>
  );
}

/** Short facts in pairs, then the long ones across the whole width. */
function Facts({ item }: { item: ServiceItem }) {
  return (
    <dl class={styles.fields}>
      <Field name="itemType" label="guide.field.itemType">
        {t(`guide.itemType.${item.itemType}`)}
      </Field>
      <Field name="handling" label="guide.field.handling">
        {handlingText(item)}
      </Field>
      <Field name="department" label="guide.field.department">
        {item.department}
      </Field>
      <Field name="lifeEvents" label="guide.field.lifeEvents">
        {item.lifeEvents.map(lifeEventName).join('、')}
      </Field>
      <Field name="promisedLimit" label="guide.field.promisedLimit">
        {limitText(item.promisedLimitDays)}
      </Field>
      <Field name="statutoryLimit" label="guide.field.statutoryLimit">
        {limitText(item.statutoryLimitDays)}
      </Field>
      <Field name="fee" label="guide.field.fee">
        {item.fee}
      </Field>
      <Field name="kioskSubmittable" label="guide.field.kiosk">
        {t(item.kioskSubmittable ? 'guide.kiosk' : 'guide.windowOnly')}
      </Field>
      <Field name="commitmentAllowed" label="guide.field.commitment">
        {yesNo(item.commitmentAllowed)}
      </Field>
      <Field name="missingMaterialAllowed" label="guide.field.missingMaterial">
        {item.missingMaterialAllowed && item.missingMaterialDays ? t('guide.missingDays', { n: item.missingMaterialDays }) : yesNo(item.missingMaterialAllowed)}
      </Field>
      <Field name="consultPhone" label="guide.field.consultPhone">
        {item.consultPhone}
      </Field>
      <Field name="complaintPhone" label="guide.field.complaintPhone">
        {item.complaintPhone}
      </Field>
      <Field name="place" label="guide.field.place" wide>
        {item.place}
      </Field>
      <Field name="hours" label="guide.field.hours" wide>
        {item.hours}
      </Field>
      {item.commitmentAllowed && item.commitmentText && (
        <Field name="commitmentText" label="guide.field.commitment" wide>
          <span class={styles.note}>{item.commitmentText}</span>
        </Field>
      )}
      <Field name="onlineUrl" label="guide.field.online" wide>
        {item.onlineUrl ? (
          <span class={styles.online}>
            <span class={styles.url}>{item.onlineUrl}</span>
            <QrCode data={item.onlineUrl} size={160} label={t('guide.online.qr')} />
          </span>
        ) : (
          t('guide.noOnline')
        )}
      </Field>
    </dl>
  );
}

/** The whole 办事指南 of one item, with its checklist to print and, where allowed, the way to apply here. */
export function ItemGuide() {
  const item = openedItem.value;
  useEffect(() => {
    if (item) voicePrompt('guide.item.speech', { name: localized(item.name) });
  }, [item?.code]);
  if (!item) return null;
  // Made when it is needed, so that it carries the time it is printed or shown.
  const checklist = () => guideChecklistReceipt(item, { hallName: kioskConfig.value.hallName, printedAt: clock.now() }, language.value);
  const printing = checklistPrint.value;
  return (
    <article class={styles.guide} data-testid="guide-item-page" data-code={item.code}>
      <div class={styles.bar}>
        <Button onClick={goBack} testId="guide-back">
          {t('nav.back')}
        </Button>
        <h3 class={styles.barTitle} data-testid="guide-item-name">
          {localized(item.name)}
        </h3>
      </div>
      {!item.kioskSubmittable && <WhereToGo item={item} />}
      <div class={shared.actions}>
        <Button primary={!item.kioskSubmittable} disabled={printing.kind === 'printing'} onClick={() => void printChecklist(checklist())} testId="guide-print">
          {t('guide.print')}
        </Button>
        {item.kioskSubmittable && (
          <Button primary onClick={() => applyAtTerminal(item.code)} testId="guide-apply">
            {t('guide.apply')}
          </Button>
        )}
      </div>
      <PrintStatus />
      {(printing.kind === 'screen' || printing.kind === 'failed') && <ReceiptView receipt={checklist()} qrLabel={t('guide.online.qr')} />}
      <section class={styles.section} aria-labelledby="guide-materials">
        <h4 id="guide-materials">
          {t('guide.field.materials')} · {item.materials.length}
        </h4>
        <ol class={`${shared.list} ${styles.materials}`}>
          {item.materials.map((material) => (
            <MaterialRow key={material.name} material={material} />
          ))}
        </ol>
      </section>
      <section class={styles.section} aria-labelledby="guide-conditions">
        <h4 id="guide-conditions">{t('guide.field.conditions')}</h4>
        <ol class={styles.conditions} data-testid="guide-conditions">
          {item.conditions.map((condition) => (
            <li key={condition}>{condition}</li>
          ))}
        </ol>
      </section>
      <Facts item={item} />
    </article>
  );
}
