/**
 * One terminal retrieving certificates, as a child process of the bench (certificate-list.ts
 * forks it) so that it never takes the server's event loop: round after round, the citizen's
 * consent (POST /certificates/consents) and then the list it opens (POST /certificates/list), on
 * one keep-alive connection, each round waiting for the last. Gets a CertificateOrder over IPC,
 * answers with a CertificateReport.
 */
import { createPrivateKey, randomUUID } from 'node:crypto';
import { CARD_ASSERTION_TYPE, cardAssertionPayload, nameHash } from '../../src/core/device-assertion.ts';
import { signAssertion } from '../../kiosk-shell/device/sign.ts';
import type { BenchDevice } from './load-hall.ts';
import { Agent, request as httpRequest } from 'node:http';
import { serveOrder } from './child.ts';

export interface CertificateOrder {
  /** e.g. http://127.0.0.1:41234/api/v1 */
  api: string;
  token: string;
  /** The terminal's device key: each round's card assertion is signed with it, as kiosk-shell signs one per request. */
  device: BenchDevice;
  /** The hall's pinned clock (KIOSK_NOW), which dates the assertions. */
  now: string;
  holder: { idNumber: string; name: string };
  warmupRounds: number;
  rounds: number;
}

export interface CertificateReport {
  /** Measured rounds only (not the warm-up), in order. */
  listMs: number[];
  /** Consent sent → list answered. */
  pairMs: number[];
  /** How many certificates each list answered, warm-up included: count → rounds. */
  listedCounts: Record<string, number>;
  /** Rounds whose consent and list were both answered 2xx, warm-up included. */
  answered2xx: number;
  failures: number;
  /** Status and body (or connection error) of the first failure. */
  firstFailure: string | null;
}

interface Answer {
  status: number;
  body: unknown;
}

/** One line without pipes: it goes into a cell of the Markdown table. */
const oneLine = (text: string) => text.slice(0, 300).replace(/[\r\n|]+/g, ' ');

function postJson(agent: Agent, url: string, token: string, payload: unknown): Promise<Answer> {
  const body = JSON.stringify(payload);
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` };
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', agent, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        try {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
        } catch {
          resolve({ status: response.statusCode ?? 0, body: text });
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

const is2xx = (answer: Answer) => answer.status >= 200 && answer.status < 300;
const describe = (what: string, answer: Answer) => oneLine(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);

async function retrieve(order: CertificateOrder): Promise<CertificateReport> {
  // One socket: a terminal's requests go one after the other on its keep-alive connection.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const report: CertificateReport = { listMs: [], pairMs: [], listedCounts: {}, answered2xx: 0, failures: 0, firstFailure: null };
  const fail = (message: string) => {
    report.failures++;
    report.firstFailure ??= message;
  };
  const signing = { privateKey: createPrivateKey({ key: order.device.privateJwk, format: 'jwk' }), keyId: order.device.keyId };
  const startedAt = performance.now();
  const hallNowMs = () => Date.parse(order.now) + (performance.now() - startedAt);
  const holderNameHash = await nameHash(order.holder.name);
  let counter = 0;
  for (let round = -order.warmupRounds; round < order.rounds; round++) {
    try {
      // Signed outside the measured time: the shell signs as the card is read, before the consent.
      const readAt = Math.floor(hallNowMs());
      const payload = cardAssertionPayload({ terminalId: order.device.terminalId, idNumber: order.holder.idNumber, nameHash: holderNameHash, cardType: 'resident', readAt, issuedAt: Math.floor(readAt / 1000), counter: ++counter });
      const identity = { kind: 'card', idNumber: order.holder.idNumber, name: order.holder.name, assertion: await signAssertion(signing, CARD_ASSERTION_TYPE, payload) };
      const consentAt = performance.now();
      const consent = await postJson(agent, `${order.api}/certificates/consents`, order.token, { clientId: randomUUID(), identity, purpose: { kind: 'own-view' } });
      if (!is2xx(consent)) {
        fail(describe('consent', consent));
        continue;
      }
      const listAt = performance.now();
      const list = await postJson(agent, `${order.api}/certificates/list`, order.token, { consentToken: (consent.body as { consentToken: string }).consentToken });
      const doneAt = performance.now();
      if (!is2xx(list)) {
        fail(describe('list', list));
        continue;
      }
      report.answered2xx++;
      const listed = String((list.body as { certificates: unknown[] }).certificates.length);
      report.listedCounts[listed] = (report.listedCounts[listed] ?? 0) + 1;
      if (round >= 0) {
        report.listMs.push(doneAt - listAt);
        report.pairMs.push(doneAt - consentAt);
      }
    } catch (error) {
      fail(oneLine(`connection: ${error instanceof Error ? error.message : String(error)}`));
    }
  }
  agent.destroy();
  return report;
}

serveOrder(retrieve);
