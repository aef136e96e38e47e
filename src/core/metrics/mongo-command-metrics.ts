import type { CommandFailedEvent, CommandSucceededEvent } from 'mongodb';
import mongoose from 'mongoose';
import type { Registry } from 'prom-client';
import { databaseCommandCounter } from '../mongo';
import { LabelledHistogram } from './labelled-histogram';

const DURATION_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Commands started and not yet finished that are tracked at most: a pool cleared mid-flight must not leave them forever. */
const MAX_COMMANDS_IN_FLIGHT = 10_000;

/**
 * `skillatlas_mongodb_command_duration_seconds{command,outcome}` from the driver's command monitoring
 * (`monitorCommands` is on, see mongo.ts): the commands sent for queries and writes, the ones
 * `databaseCommandCounter` counts. The driver's own heartbeats and handshakes and the cache change
 * follower's polling are left out, as they are from the round-trip counts: they would outnumber the
 * requests' commands on an idle server. Returns the function that stops listening.
 */
export function watchMongoCommands(registry: Registry, connection: mongoose.Connection = mongoose.connection): () => void {
  const durations = new LabelledHistogram<'command' | 'outcome'>(
    'skillatlas_mongodb_command_duration_seconds',
    'MongoDB commands sent for queries and writes, by command name and outcome (ok or failed): seconds until the reply (_count: commands).',
    ['command', 'outcome'],
    DURATION_BUCKETS_SECONDS,
    registry,
  );
  // requestId → command name of the counted commands in flight (the finished events carry no comment to tell housekeeping apart).
  const counted = new Map<number, string>();
  const stopCounting = databaseCommandCounter.subscribe((event) => {
    if (counted.size >= MAX_COMMANDS_IN_FLIGHT) counted.clear();
    counted.set(event.requestId, event.commandName);
  });
  const finished = (outcome: 'ok' | 'failed') => (event: CommandSucceededEvent | CommandFailedEvent) => {
    const command = counted.get(event.requestId);
    if (command === undefined) return;
    counted.delete(event.requestId);
    durations.observeFor({ command, outcome }, event.duration / 1000);
  };
  const onSucceeded = finished('ok');
  const onFailed = finished('failed');
  let client: ReturnType<mongoose.Connection['getClient']> | undefined;
  const attach = () => {
    const current = connection.getClient();
    if (current === client) return;
    detach();
    current.on('commandSucceeded', onSucceeded);
    current.on('commandFailed', onFailed);
    client = current;
  };
  const detach = () => {
    client?.off('commandSucceeded', onSucceeded);
    client?.off('commandFailed', onFailed);
    client = undefined;
  };
  if (connection.readyState === mongoose.ConnectionStates.connected) attach();
  connection.on('connected', attach);
  return () => {
    connection.off('connected', attach);
    detach();
    stopCounting();
  };
}
