import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PEOPLE } from '../../src/server/demo/people.ts';
import { expect, test, type Hall } from './fixtures.ts';

// A Tuesday at 10:00 in Beijing: the hall is open and every copy is stamped with this time.
test.use({ hallEnv: { KIOSK_NOW: '2026-11-24T10:00:00+08:00' } });

const PHONE_VIEWPORT = { width: 390, height: 844 };
const ADMIN_VIEWPORT = { width: 1280, height: 800 };
/** Set to a directory to keep screenshots of the pages for review (e.g. SCREENSHOT_DIR=/tmp). */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR;
const ZXING = fileURLToPath(new URL('../../node_modules/html5-qrcode/third_party/zxing-js.umd.js', import.meta.url));

type Purpose = { kind: 'own-view' } | { kind: 'item'; itemCode: string };

/** Issues a receipt copy of the elder's first certificate for `purpose`, as a terminal does after consent. */
async function issueCopy(request: APIRequestContext, hall: Hall, purpose: Purpose): Promise<string> {
  const device = await hall.keyedTerminal();
  const headers = { Authorization: `Bearer ${device.token}` };
  const api = async <T,>(path: string, data: object): Promise<T> => {
    const response = await request.post(`${hall.url}api/v1${path}`, { headers, data });
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  };
  const { elder } = DEMO_PEOPLE;
  const { consentToken } = await api<{ consentToken: string }>('/certificates/consents', {
    clientId: crypto.randomUUID(),
    identity: { kind: 'card', idNumber: elder.idNumber, name: elder.name, assertion: await device.assertCard(elder) },
    purpose,
  });
  const { certificates } = await api<{ certificates: { id: string }[] }>('/certificates/list', { consentToken });
  expect(certificates.length).toBeGreaterThan(0);
  const { copyId } = await api<{ copyId: string }>('/certificates/copies', { clientId: crypto.randomUUID(), consentToken, certificateId: certificates[0]!.id, format: 'receipt' });
  return copyId;
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (SCREENSHOT_DIR) await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}

async function logInAsAdmin(page: Page): Promise<void> {
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('demo-admin-2026');
  await page.getByTestId('login-submit').click();
}

/**
 * Reads the QR code back from the pixels on screen with zxing (the decoder the terminal's camera
 * scanner uses). Its finder-pattern detector misses about a third of perfectly sharp synthetic
 * images that real cameras read fine, so the code is sampled as a pure barcode: this proves the
 * modules drawn carry exactly the code, while size and quiet zone are asserted separately.
 */
async function decodeQr(page: Page, png: Buffer): Promise<string> {
  const decoder = await page.context().newPage();
  await decoder.addScriptTag({ path: ZXING });
  const text = await decoder.evaluate(async (base64) => {
    const image = await createImageBitmap(new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const luminance = new Uint8ClampedArray(image.width * image.height);
    for (let i = 0; i < luminance.length; i++) luminance[i] = (data[i * 4]! + data[i * 4 + 1]! + data[i * 4 + 2]!) / 3;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the UMD build of zxing comes without types here
    const ZXing = (window as any).ZXing;
    const bitmap = new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(new ZXing.RGBLuminanceSource(luminance, image.width, image.height)));
    const hints = new Map([[ZXing.DecodeHintType.PURE_BARCODE, true]]);
    return new ZXing.QRCodeReader().decode(bitmap, hints).getText() as string;
  }, png.toString('base64'));
  await decoder.close();
  return text;
}

test.describe('copy verification page', () => {
  test('a genuine copy shows who issued it, for what, where and when — with the holder masked', async ({ page, hall, request }) => {
    const copyId = await issueCopy(request, hall, { kind: 'own-view' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto(`${hall.url}verify/${copyId}`);

    await expect(page.getByTestId('verify-verdict')).toContainText('✓');
    await expect(page.getByTestId('verify-verdict')).toContainText('此复印件由示例市政务服务中心出具');
    await expect(page.getByTestId('verify-holder')).toContainText('林**');
    await expect(page.getByTestId('verify-purpose')).toHaveText('查看本人证照');
    await expect(page.getByTestId('verify-watermark')).toHaveText('仅供本人查阅使用');
    await expect(page.getByTestId('verify-where')).toHaveText(/^示例市政务服务中心自助终端 e2e-terminal-\d+$/);
    await expect(page.getByTestId('verify-when')).toHaveText('2026-11-24 10:00（北京时间）');
    await expect(page.getByTestId('verify-format')).toHaveText('凭条摘要');
    await expect(page.getByTestId('verify-copy-id')).toHaveText(copyId);
    await expect(page.getByTestId('verify-validity')).toContainText('此复印件仅可用于“查看本人证照”，用于其他用途无效。');
    // The full ID number and the full name appear nowhere in the page, not even in attributes.
    const html = await page.content();
    expect(html).not.toContain(DEMO_PEOPLE.elder.idNumber);
    expect(html).not.toContain(DEMO_PEOPLE.elder.idNumber.slice(6, 14));
    expect(html).not.toContain(DEMO_PEOPLE.elder.name);
    await screenshot(page, 'verify-phone');

    await page.getByTestId('language-en').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('verify-verdict')).toContainText('This copy was issued by Example City Government Service Center');
    await expect(page.getByTestId('verify-when')).toHaveText('2026-11-24 10:00 (Beijing time)');
    await expect(page.getByTestId('verify-format')).toHaveText('Receipt summary');
    await expect(page.getByTestId('language-en')).toHaveAttribute('aria-pressed', 'true');
    await screenshot(page, 'verify-phone-en');

    await page.getByTestId('language-zh-TW').click();
    await expect(page.getByTestId('verify-verdict')).toContainText('此影本由');
    // The choice of language, and nothing about the copy, is remembered on the phone.
    await page.reload();
    await expect(page.getByTestId('verify-verdict')).toContainText('此影本由');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(copyId);
    expect(errors).toEqual([]);
  });

  test('a copy made for a service item says it is only for that item', async ({ page, hall, request }) => {
    const copyId = await issueCopy(request, hall, { kind: 'item', itemCode: 'household-transfer-in-city' });
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto(`${hall.url}verify/${copyId}`);
    await expect(page.getByTestId('verify-watermark')).toHaveText('仅供办理户口迁移（市内）使用');
    await expect(page.getByTestId('verify-purpose')).toHaveText('户口迁移（市内）');
    await expect(page.getByTestId('verify-validity')).toContainText('仅可用于“户口迁移（市内）”');
    await screenshot(page, 'verify-phone-item');
  });

  test('an unknown or malformed copy number is reported as not found, in English too', async ({ page, hall }) => {
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.goto(`${hall.url}verify/ThisIsNoCopyOfThisHall00`);
    const notFound = page.getByTestId('verify-not-found');
    await expect(notFound).toContainText('未查到此复印件');
    await expect(notFound).toContainText('可能是伪造');
    await expect(page.getByTestId('verify-verdict')).toHaveCount(0);
    await screenshot(page, 'verify-not-found-phone');
    await page.getByTestId('language-en').click();
    await expect(notFound).toContainText('Copy not found');

    // A link that cannot be a copy number is refused without asking the server.
    let asked = false;
    page.on('request', (request) => {
      if (request.url().includes('/copies/')) asked = true;
    });
    await page.goto(`${hall.url}verify/short`);
    await expect(notFound).toContainText('Copy not found');
    expect(asked).toBe(false);
  });

  test('a network failure asks to try again instead of calling the copy forged', async ({ page, hall, request }) => {
    const copyId = await issueCopy(request, hall, { kind: 'own-view' });
    await page.setViewportSize(PHONE_VIEWPORT);
    await page.route('**/api/v1/copies/**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${hall.url}verify/${copyId}`);
    await expect(page.getByTestId('verify-unreachable')).toContainText('暂时无法核验');
    await expect(page.getByTestId('verify-not-found')).toHaveCount(0);
    await page.unroute('**/api/v1/copies/**');
    await page.getByTestId('verify-retry').click();
    await expect(page.getByTestId('verify-verdict')).toContainText('此复印件由示例市政务服务中心出具');
  });
});

test.describe('demo identity code page', () => {
  test('the administrator shows a scannable identity code for a fictional holder, with its countdown', async ({ page, hall }) => {
    const logged: string[] = [];
    page.on('console', (message) => logged.push(message.text()));
    await page.setViewportSize(ADMIN_VIEWPORT);
    await page.goto(`${hall.url}admin/fleet`);
    await logInAsAdmin(page);
    await expect(page.getByTestId('nav-fleet')).toHaveAttribute('aria-current', 'page');
    await page.getByTestId('nav-demo-code').click();
    await expect(page).toHaveURL(/\/admin\/demo-code$/);
    await expect(page.getByTestId('demo-code-empty')).toBeVisible();
    await expect(page.getByTestId('demo-generate')).toBeDisabled();
    await expect(page.getByRole('radio', { name: '示例市样板科技有限公司' })).toBeVisible();

    await page.getByRole('radio', { name: '林示范' }).check();
    await page.getByTestId('demo-generate').click();
    const qr = page.getByTestId('demo-code-qr');
    await expect(qr).toBeVisible();
    await expect(page.getByTestId('demo-code-holder')).toContainText('林示范');
    await expect(page.getByTestId('demo-code-countdown')).toHaveText(/剩余有效时间 (5:00|4:5\d)/);
    await expect(page.getByTestId('demo-code')).toContainText('有效至 10:05:');
    await expect(page.getByTestId('demo-generate')).toHaveText('重新生成');
    // Big enough for a camera: at least 4 px a module, the whole code at least 300 px wide.
    expect(Number(await qr.getAttribute('data-module-px'))).toBeGreaterThanOrEqual(4);
    expect((await qr.boundingBox())!.width).toBeGreaterThanOrEqual(300);
    await screenshot(page, 'admin-demo-code');

    const code = await decodeQr(page, await qr.screenshot());
    const [, payload] = code.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as { sub: string; name: string; iat: number; exp: number };
    expect(claims.name).toBe('林示范');
    expect(claims.sub).toBe(DEMO_PEOPLE.elder.idNumber);
    expect(claims.exp - claims.iat).toBe(300);
    // The code is only drawn: never in the DOM as text or attribute, in storage or in the console.
    expect(await page.content()).not.toContain(code);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(code);
    expect(logged.join('\n')).not.toContain(code);

    await page.getByTestId('demo-generate').click();
    await expect.poll(async () => decodeQr(page, await qr.screenshot())).not.toBe(code);

    // Leaving the page forgets the code; Back returns to an empty page.
    await page.getByTestId('nav-fleet').click();
    await expect(page).toHaveURL(/\/admin\/fleet$/);
    await expect(page.getByRole('heading', { name: '自助终端' })).toBeVisible();
    await page.goBack();
    await expect(page.getByTestId('demo-code-empty')).toBeVisible();
  });

  test('a hall without a demo provider is told so', async ({ page, hall }) => {
    await page.route('**/api/v1/admin/demo-codes', (route) =>
      route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'no-demo-provider', message: 'none' } }) }),
    );
    await page.setViewportSize(ADMIN_VIEWPORT);
    await page.goto(`${hall.url}admin/demo-code`);
    await logInAsAdmin(page);
    await page.getByRole('radio', { name: '林示范' }).check();
    await page.getByTestId('demo-generate').click();
    await expect(page.getByTestId('admin-notice')).toContainText('没有演示身份码签发方');
    await expect(page.getByTestId('demo-code-qr')).toHaveCount(0);
  });
});
