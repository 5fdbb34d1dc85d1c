/** Signs a device assertion (src/core/device-assertion.ts) with the device key: compact JWS, ES256, kid the key's thumbprint. */
import type { KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { DEVICE_ALGORITHM, type AssertionType } from '../../src/core/device-assertion.ts';

export interface SigningKey {
  privateKey: KeyObject | CryptoKey;
  /** RFC 7638 thumbprint of the public key, as the hall knows it. */
  keyId: string;
}

export function signAssertion(key: SigningKey, type: AssertionType, payload: Record<string, unknown>): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: DEVICE_ALGORITHM, typ: type, kid: key.keyId }).sign(key.privateKey);
}
