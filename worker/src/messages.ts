/** Bodies of the collector's queue messages (types only: bindings and services both name them). */
import type { NewResponse } from "./db/response-writes";

/** INGEST_QUEUE (INGEST_MODE = "queue"): one accepted submission, written by the consumer. */
export interface IngestMessage {
  kind: "response";
  row: NewResponse;
}

/** ALERT_QUEUE: one webhook delivery to send (its payload is built at send time). */
export interface AlertMessage {
  kind: "alert";
  deliveryId: string;
}
