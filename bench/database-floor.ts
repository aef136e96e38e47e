import type { mongo } from 'mongoose';
import { currentRequestScope } from '../src/core/cache/request-scope';

// mongoose's own copy of the driver: the client the servers use.
type MongoClient = mongo.MongoClient;
type Document = mongo.Document;
type CommandStartedEvent = mongo.CommandStartedEvent;
type CommandSucceededEvent = mongo.CommandSucceededEvent;

/**
 * The "database floor" baseline: what answering a scenario costs when nothing but the MongoDB
 * driver runs. One cold request's commands are captured (driver command monitoring) and replayed
 * verbatim, in the same waves (commands the request had in flight together are sent together), with
 * no GraphQL, no mongoose and no loaders. A cold request cannot be faster than this; how close it
 * comes is the cost of our own layers, whatever the database behind MONGODB_URI.
 */
export type CommandWave = Document[];

/** Fields the driver adds per session or per send, which a replay must not reuse. */
const PER_SEND_FIELDS = ['lsid', '$clusterTime', 'txnNumber', '$readPreference', 'apiVersion'];

/** Commands that refer to a cursor of the captured run: they cannot be replayed (none is expected: loaders ask for one batch). */
const CURSOR_COMMANDS = new Set(['getMore', 'killCursors']);

/**
 * Captures the commands `work` makes the server send for a request. Only commands sent inside a request's
 * scope count (request-scope.ts, the same attribution as the round-trip counts): the process's own
 * background reads, such as the cache change follower's poll every 250 ms, would otherwise fall into a
 * slow request's window and be replayed by the floor on every request (the page of 50 was captured
 * as 5 to 7 commands where it sends 4).
 */
export async function captureCommandWaves(client: MongoClient, work: () => Promise<unknown>): Promise<CommandWave[]> {
  const started = new Map<number, { at: number; command: Document }>();
  const finishedAt = new Map<number, number>();
  const onStarted = (event: CommandStartedEvent) => {
    if (CURSOR_COMMANDS.has(event.commandName) || event.commandName === 'hello' || event.commandName === 'ping') return;
    if (!currentRequestScope()) return;
    const command: Document = { ...event.command };
    for (const field of PER_SEND_FIELDS) delete command[field];
    started.set(event.requestId, { at: performance.now(), command });
  };
  const onSucceeded = (event: CommandSucceededEvent) => finishedAt.set(event.requestId, performance.now());
  client.on('commandStarted', onStarted);
  client.on('commandSucceeded', onSucceeded);
  try {
    await work();
  } finally {
    client.off('commandStarted', onStarted);
    client.off('commandSucceeded', onSucceeded);
  }
  // A command joins the current wave when it started before any command of that wave had finished.
  const waves: CommandWave[] = [];
  let firstFinishOfWave = -Infinity;
  for (const [requestId, { at, command }] of [...started].sort((a, b) => a[1].at - b[1].at)) {
    const finished = finishedAt.get(requestId) ?? Infinity;
    if (waves.length > 0 && at < firstFinishOfWave) {
      waves[waves.length - 1].push(command);
      firstFinishOfWave = Math.min(firstFinishOfWave, finished);
    } else {
      waves.push([command]);
      firstFinishOfWave = finished;
    }
  }
  return waves;
}

/** Sends the captured commands again, wave after wave, each wave's commands at once. */
export async function replayCommandWaves(client: MongoClient, waves: readonly CommandWave[]): Promise<void> {
  for (const wave of waves) {
    await Promise.all(
      wave.map((command) => {
        const { $db: databaseName, ...body } = command;
        return client.db(String(databaseName)).command(body);
      }),
    );
  }
}
