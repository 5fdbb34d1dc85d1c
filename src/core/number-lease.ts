/**
 * A block of ticket numbers the hall server reserved for one terminal (POST /tickets/leases),
 * to issue from while the server cannot be reached.
 */
export interface NumberLease {
  id: string;
  category: string;
  prefix: string;
  serviceDate: string;
  session: { id: string; start: string; end: string };
  firstSeq: number;
  lastSeq: number;
  /** The end of the session: numbers of an expired lease are never issued. */
  expiresAt: string;
}
