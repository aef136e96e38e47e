import fc from 'fast-check';
import type { FuzzCase } from './fuzz-requests';
import type { ServerProcess } from './server-process';
import { sendRaw } from './raw-http';
import { hygieneProblems } from './response-hygiene';

/** Longest a request may wait for its answer: far above any honest answer, short enough that a hang fails the run. */
const ANSWER_TIMEOUT_MS = 15_000;
/** How long a process that dropped a connection is given to report its exit: a crash takes a moment to be seen. */
const CRASH_GRACE_MS = 300;
/** The server logs an error before it answers, but the log comes through a pipe: give it a moment to arrive. */
const LOG_DELAY_MS = 50;
/** How many of the last requests a crash report lists (a crash may show only after its request was answered). */
const RECENT_REQUESTS = 3;

/** One thing the server must never do, with a short `signature` that groups failures of one class. */
export class FuzzFailure extends Error {
  constructor(
    readonly signature: string,
    message: string,
  ) {
    super(message);
  }
}

export interface FuzzRunOptions {
  seed: number;
  /** Runs of this property unless `runsOverride` is set. */
  runs: number;
  runsOverride?: number;
  /**
   * Survey mode: send every case, collect each class of failure (with its smallest request) and fail
   * once at the end with the list, instead of stopping and shrinking at the first failure.
   */
  survey: boolean;
}

/** Sends generated cases to a server process and checks each answer; counts requests for the report. */
export class FuzzRunner {
  requestsSent = 0;
  /** Set once the server's death has been reported, so fast-check's shrinking does not pin it on later inputs. */
  private deathReported = false;
  private readonly recentRequests: string[] = [];

  constructor(private readonly server: ServerProcess) {}

  /** Runs one property: `cases` through `check`, with fast-check's seed, shrinking and report. */
  async run(cases: fc.Arbitrary<FuzzCase>, options: FuzzRunOptions): Promise<void> {
    this.deathReported = false;
    const numRuns = options.runsOverride ?? options.runs;
    const assertOptions = { seed: options.seed, numRuns, interruptAfterTimeLimit: 240_000, markInterruptAsFailure: true };
    if (!options.survey) {
      await fc.assert(
        fc.asyncProperty(cases, (fuzzCase) => this.check(fuzzCase)),
        assertOptions,
      );
      return;
    }
    const found = new Map<string, { count: number; smallest: FuzzCase; message: string }>();
    await fc.assert(
      fc.asyncProperty(cases, async (fuzzCase) => {
        try {
          await this.check(fuzzCase);
        } catch (error) {
          if (!(error instanceof FuzzFailure)) throw error;
          const seen = found.get(error.signature);
          if (!seen || fuzzCase.request.body.length < seen.smallest.request.body.length) found.set(error.signature, { count: (seen?.count ?? 0) + 1, smallest: fuzzCase, message: error.message });
          else seen.count += 1;
          if (!this.server.alive) await this.server.restart();
          this.deathReported = false;
        }
      }),
      assertOptions,
    );
    if (found.size > 0) {
      const list = [...found].map(([signature, { count, smallest, message }]) => `■ ${signature} (${count} of ${numRuns})\n  smallest: ${smallest}\n  ${message.split('\n').slice(0, 12).join('\n  ')}`);
      throw new Error(`${found.size} classes of failure:\n${list.join('\n\n')}`);
    }
  }

  /** Sends one case and throws a FuzzFailure for anything the server must never do. */
  async check(fuzzCase: FuzzCase): Promise<void> {
    const server = this.server;
    await server.whenReady();
    if (!server.alive) {
      // Dead before this request: blame the requests before it, once; while shrinking, skip.
      if (this.deathReported) fc.pre(false);
      throw this.died('after answering an earlier request');
    }
    this.recentRequests.push(String(fuzzCase).slice(0, 600));
    if (this.recentRequests.length > RECENT_REQUESTS) this.recentRequests.shift();
    this.requestsSent += 1;
    const outputMark = server.outputMark();
    const outcome = await sendRaw(server.port, fuzzCase.request, ANSWER_TIMEOUT_MS);
    if (await server.exitsWithin(outcome.kind === 'no-response' ? CRASH_GRACE_MS : 0)) throw this.died('on this request');
    if (outcome.kind === 'no-response') {
      if (fuzzCase.mayGoUnanswered) return;
      throw new FuzzFailure(`no answer (${outcome.reason})`, `no answer: ${outcome.reason} (${outcome.received} bytes received)`);
    }
    const problems = hygieneProblems(outcome.response, fuzzCase.request.target);
    if (problems.length === 0) return;
    const body = outcome.response.body.toString('utf8');
    await new Promise((resolve) => setTimeout(resolve, LOG_DELAY_MS));
    // What the server logged meanwhile tells masked errors apart: the original error is only in its log.
    const logged = [...server.outputSince(outputMark).matchAll(/"err":\{"type":"(\w+)","message":"((?:[^"\\]|\\.)*)"/g)].map(([, type, message]) => `${type}: ${message}`);
    const cause = logged.length > 0 ? `logged ${blur(logged[0], 80)}` : firstErrorOf(body);
    throw new FuzzFailure(
      `${problems[0].split(':')[0]} / status ${outcome.response.status} / ${cause}`,
      `${problems.join('\n')}\nstatus ${outcome.response.status}; body: ${body.slice(0, 500)}${logged.length > 0 ? `\nthe server logged: ${logged.join(' | ').slice(0, 600)}` : ''}`,
    );
  }

  private died(when: string): FuzzFailure {
    this.deathReported = true;
    const description = this.server.describeExit();
    const lastError = [...description.matchAll(/^\s*(\w*Error: .*)$/gm)].pop()?.[1] ?? 'no error printed';
    return new FuzzFailure(`the server process died (${lastError})`, `the server process died ${when}\n${description}\nlast requests before it:\n${this.recentRequests.join('\n')}`);
  }
}

/** Quoted text and digits blurred, length cut: one class of failure, whatever the values. */
function blur(text: string, length: number): string {
  return text
    .replace(/\\?"(?:[^"\\]|\\.)*?\\?"/g, '"…"')
    .replace(/\d+/g, '#')
    .slice(0, length);
}

/** The code and the start of the message of a JSON body's first error, blurred. */
function firstErrorOf(body: string): string {
  try {
    const error = (JSON.parse(body) as { errors?: Array<{ message?: string; extensions?: { code?: string } }> }).errors?.[0];
    return error ? `${error.extensions?.code} ${blur(error.message ?? '', 30)}` : '(no error)';
  } catch {
    return blur(body, 40);
  }
}
