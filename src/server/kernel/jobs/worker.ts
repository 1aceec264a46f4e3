/**
 * What the app needs of the job runner, apart from the runner itself: the app context holds a
 * `JobWorker`, and the runner's module imports the context type, so these types live in a file that
 * imports nothing (an import cycle otherwise).
 */

export interface RunnerLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** What one tick of the runner did. */
export interface RunReport {
  recovered: number;
  scheduled: number;
  dispatched: number;
  ran: number;
  succeeded: number;
  failed: number;
  dead: number;
}

/** The persistent job runner as the app uses it: main.ts starts and stops it, tests run single ticks. */
export interface JobWorker {
  /** Starts polling; call `stop()` on shutdown. */
  start(logger?: RunnerLogger): void;
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
  /** One tick of work; returns what it did. */
  runDueOnce(): Promise<RunReport>;
}
