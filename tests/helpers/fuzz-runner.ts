import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { FuzzCase } from './fuzz-requests';
import type { ServerProcess } from './server-process';
import { sendRaw, serialise, type RawOutcome } from './raw-http';
import { hygieneProblems } from './response-hygiene';

/**
 * Requests in flight at once. Most of a request's time is spent waiting on MongoDB and Redis, so a
 * few at a time get through several times as many requests per second on a busy machine, and make
 * the requests of one batch race each other (caches, loaders) as real clients do.
 */
const CONCURRENCY = 4;
/** Longest a request may wait for its answer: far above any honest answer, short enough that a hang fails the run. */
const ANSWER_TIMEOUT_MS = 15_000;
/** How long a process that dropped a connection is given to report its exit: a crash takes a moment to be seen. */
const CRASH_GRACE_MS = 300;
/** The server logs an error before it answers, but the log comes through a pipe: give it a moment to arrive. */
const LOG_DELAY_MS = 50;
/** Shrink attempts per failure (each is a batch of requests): enough for a readable counterexample, bounded in time. */
const MAX_SHRINKS = 40;

/** One thing the server must never do, with a short `signature` that groups failures of one class. */
export class FuzzFailure extends Error {
  constructor(
    readonly signature: string,
    message: string,
  ) {
    super(message);
    this.name = 'FuzzFailure';
    // The message says all; a stack into the runner would only push it out of view.
    this.stack = `${this.name}: ${message}`;
  }
}

export interface FuzzRunOptions {
  seed: number;
  /** Requests this property sends, unless `requestsOverride` is set (sent in batches of CONCURRENCY). */
  requests: number;
  requestsOverride?: number;
  /**
   * Survey mode: send every case, collect each class of failure (with its smallest request, saved
   * byte for byte under the system's temporary folder) and fail once at the end with the list,
   * instead of stopping and shrinking at the first failure.
   */
  survey: boolean;
}

/** Sends generated cases to a server process and checks each answer; counts requests and outcomes for the report. */
export class FuzzRunner {
  requestsSent = 0;
  /** Per family, how the answers went ("200 with data", "400", "no answer"): shows what the generators reach. */
  private readonly outcomes = new Map<string, Map<string, number>>();
  /** Per family, how long each answer took (ms). */
  private readonly durations = new Map<string, number[]>();
  /** Set once the server's death has been reported, so fast-check's shrinking does not pin it on later inputs. */
  private deathReported = false;

  constructor(private readonly server: ServerProcess) {}

  /** Runs one property: batches of `cases` sent at once, each answer checked, with fast-check's seed, shrinking and report. */
  async run(cases: fc.Arbitrary<FuzzCase>, options: FuzzRunOptions): Promise<void> {
    this.deathReported = false;
    const requests = options.requestsOverride ?? options.requests;
    const batches = fc.array(fc.limitShrink(cases, MAX_SHRINKS), { minLength: CONCURRENCY, maxLength: CONCURRENCY });
    const assertOptions = { seed: options.seed, numRuns: Math.ceil(requests / CONCURRENCY) };
    if (!options.survey) {
      await fc.assert(
        fc.asyncProperty(batches, async (batch) => {
          const [failure] = await this.checkBatch(batch);
          if (failure) throw failure;
        }),
        assertOptions,
      );
      return;
    }
    const found = new Map<string, { count: number; smallest: FuzzCase; message: string }>();
    await fc.assert(
      fc.asyncProperty(batches, async (batch) => {
        for (const failure of await this.checkBatch(batch)) {
          const seen = found.get(failure.signature);
          if (!seen || failure.fuzzCase.request.body.length < seen.smallest.request.body.length) {
            found.set(failure.signature, { count: (seen?.count ?? 0) + 1, smallest: failure.fuzzCase, message: failure.message });
          } else {
            seen.count += 1;
          }
        }
        if (!this.server.alive) await this.server.restart();
        this.deathReported = false;
      }),
      assertOptions,
    );
    if (found.size > 0) throw new Error(this.surveyReport(found, requests));
  }

  /** One line per family: its answers by status, and their times. */
  outcomeSummary(): string {
    return [...this.outcomes]
      .map(([family, counts]) => {
        const times = [...(this.durations.get(family) ?? [])].sort((left, right) => left - right);
        const at = (share: number) => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * share))]);
        const answers = [...counts].sort(([, left], [, right]) => right - left).map(([outcome, count]) => `${count}× ${outcome}`);
        return `${family}: ${answers.join(', ')}; ms median ${at(0.5)}, p95 ${at(0.95)}, max ${at(1)}`;
      })
      .join('\n');
  }

  /**
   * Sends a batch at once and returns its failures. When the server dies, it is started again and the
   * batch replayed one request at a time to name the request that kills it.
   */
  private async checkBatch(batch: FuzzCase[]): Promise<Array<FuzzFailure & { fuzzCase: FuzzCase }>> {
    await this.server.whenReady();
    // Dead before this batch (only while shrinking after a death was reported): skip.
    if (!this.server.alive && this.deathReported) fc.pre(false);
    const outcomes = await Promise.all(batch.map((fuzzCase) => this.send(fuzzCase)));
    if (await this.server.exitsWithin(outcomes.some(({ outcome }) => outcome.kind === 'no-response') ? CRASH_GRACE_MS : 0)) {
      return [await this.findKiller(batch)];
    }
    const failures = await Promise.all(outcomes.map(({ fuzzCase, outcome }) => this.failureOf(fuzzCase, outcome)));
    return failures.filter((failure) => failure !== undefined);
  }

  private async send(fuzzCase: FuzzCase): Promise<{ fuzzCase: FuzzCase; outcome: RawOutcome }> {
    this.requestsSent += 1;
    const started = performance.now();
    const outcome = await sendRaw(this.server.port, fuzzCase.request, ANSWER_TIMEOUT_MS);
    this.durations.set(fuzzCase.family, [...(this.durations.get(fuzzCase.family) ?? []), performance.now() - started]);
    this.countOutcome(
      fuzzCase.family,
      outcome.kind === 'no-response'
        ? 'no answer'
        : `${outcome.response.status}${/"data":\{/.test(outcome.response.body.toString('utf8', 0, 200)) ? ' with data' : ''}`,
    );
    return { fuzzCase, outcome };
  }

  /** Starts the server again and replays the batch one request at a time: the one it dies on is the killer. */
  private async findKiller(batch: FuzzCase[]): Promise<FuzzFailure & { fuzzCase: FuzzCase }> {
    const firstDeath = this.server.describeExit();
    await this.server.restart();
    for (const fuzzCase of batch) {
      const { outcome } = await this.send(fuzzCase);
      if (await this.server.exitsWithin(outcome.kind === 'no-response' ? CRASH_GRACE_MS : 0))
        return this.died(fuzzCase, 'on this request (alone, replayed after a restart)');
    }
    this.deathReported = true;
    return Object.assign(
      new FuzzFailure(
        'the server process died under a concurrent batch',
        `the server process died while these requests were in flight, and none of them kills it alone:\n${batch.join('\n')}\n${firstDeath}`,
      ),
      { fuzzCase: batch[0] },
    );
  }

  private died(fuzzCase: FuzzCase, when: string): FuzzFailure & { fuzzCase: FuzzCase } {
    this.deathReported = true;
    const description = this.server.describeExit();
    const lastError = [...description.matchAll(/^\s*(\w*Error: .*)$/gm)].pop()?.[1] ?? 'no error printed';
    return Object.assign(
      new FuzzFailure(`the server process died (${lastError})`, `the server process died ${when}: ${fuzzCase.toString()}\n${description}`),
      { fuzzCase },
    );
  }

  /** What is wrong with one answer, or undefined. */
  private async failureOf(fuzzCase: FuzzCase, outcome: RawOutcome): Promise<(FuzzFailure & { fuzzCase: FuzzCase }) | undefined> {
    const failure = (signature: string, message: string) =>
      Object.assign(new FuzzFailure(signature, `${message}\nrequest: ${fuzzCase.toString()}`), { fuzzCase });
    if (outcome.kind === 'no-response') {
      return fuzzCase.mayGoUnanswered
        ? undefined
        : failure(`no answer (${outcome.reason})`, `no answer: ${outcome.reason} (${outcome.received} bytes received)`);
    }
    const { response } = outcome;
    const problems = hygieneProblems(response, fuzzCase.request.target);
    if (problems.length === 0) return undefined;
    const body = response.body.toString('utf8');
    await new Promise((resolve) => setTimeout(resolve, LOG_DELAY_MS));
    // What the server logged for this request (by its id) tells masked errors apart: the original error is only in its log.
    const requestId = response.headers['x-request-id'];
    const logged = [...this.server.recentOutput().matchAll(/^.*$/gm)]
      .map(([line]) => line)
      .filter((line) => requestId !== undefined && line.includes(`"requestId":"${requestId}"`))
      .flatMap((line) =>
        [...line.matchAll(/"err":\{"type":"(\w+)","message":"((?:[^"\\]|\\.)*)"/g)].map(([, type, message]) => `${type}: ${message}`),
      );
    const suggestion = /did you mean[^"?]*/i.exec(body)?.[0];
    const cause = suggestion ? blur(suggestion, 50) : logged.length > 0 ? `logged ${blur(logged[0], 80)}` : firstErrorOf(body);
    return failure(
      `${problems[0].split(':')[0]} / status ${response.status} / ${cause}`,
      `${problems.join('\n')}\nstatus ${response.status}; body: ${body.slice(0, 500)}${logged.length > 0 ? `\nthe server logged: ${logged.join(' | ').slice(0, 600)}` : ''}`,
    );
  }

  private countOutcome(family: string, outcome: string): void {
    const counts = this.outcomes.get(family) ?? new Map<string, number>();
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    this.outcomes.set(family, counts);
  }

  private surveyReport(found: Map<string, { count: number; smallest: FuzzCase; message: string }>, requests: number): string {
    const folder = path.join(tmpdir(), 'skillatlas-fuzz-survey');
    mkdirSync(folder, { recursive: true });
    const list = [...found].map(([signature, { count, smallest, message }], index) => {
      // The whole request as sent, to replay with `nc 127.0.0.1 <port> < file`.
      const file = path.join(folder, `${smallest.family.replace(/\W+/g, '-')}-${index}.http`);
      const { head, body } = serialise(smallest.request, `127.0.0.1:${this.server.port}`);
      writeFileSync(file, Buffer.concat([head, body]));
      return `■ ${signature} (${count} of ${requests})\n  smallest (${file}): ${smallest.toString()}\n  ${message.split('\n').slice(0, 12).join('\n  ')}`;
    });
    return `${found.size} classes of failure:\n${list.join('\n\n')}`;
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
    // Up to the first colon: "Syntax Error: Unexpected …" is one class, whatever was unexpected.
    return error ? `${error.extensions?.code} ${blur((error.message ?? '').split(':')[0], 40)}` : '(no error)';
  } catch {
    return blur(body, 40);
  }
}
