// What a workspace scan reports: its counts and times (the tally view, the bench and the tests read them).
export interface IndexStats {
  /** Time to list the documents (findFiles), included in ms. */
  findMs: number;
  files: number;
  passages: number;
  ms: number;
  maxSliceMs: number;
  skippedLarge: number;
  /** Documents taken from the stored index unread, and documents read and parsed. */
  reused: number;
  parsed: number;
  /** When the documents known from the stored index were all checked and shown (before the listing came). */
  readyMs?: number;
  /** Milliseconds since the scan started when each step ended (the bench reports where a new session's time goes). */
  phases?: Record<string, number>;
  /** The folders were listed by the quick listing (see quickListing.ts), not by VS Code's search. */
  quickListing?: boolean;
  /** Once VS Code's search has checked a quick listing: the documents it added and dropped (0 and 0 when they agreed). */
  reconciled?: { added: number; dropped: number };
  /** Folders the quick listing read, and those it took unread from the last listing (their ctime unchanged). */
  folders?: { read: number; unread: number };
  done: boolean;
}
