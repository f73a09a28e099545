import type { Desk } from "../desk.ts";

/**
 * What every job handler and notification subscriber gets: the desk's stores, clock, responder and
 * job queue. A type only: the desk builds the runner and hands itself in.
 */
export type JobDeps = Desk;
