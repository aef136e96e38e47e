import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/core/project-root';

/**
 * `npm run eval:links` as a user runs it: a separate process (no reflect-metadata, so a CLI that
 * loaded a type-graphql class would crash), over the real seed data and fixtures, no database.
 */
const TSX = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(PROJECT_ROOT, 'scripts', 'eval-links.ts');
/** A full run parses every seed feed (about 10 s on an idle machine); the margin is for a loaded CI runner. */
const RUN_TIMEOUT_MS = 150_000;

describe('npm run eval:links', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'eval-links-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  function run(judgementFile: string | null) {
    const args = judgementFile === null ? [CLI] : [CLI, '--judgements', judgementFile];
    return spawnSync(TSX, args, { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
  }

  function fileWith(name: string, text: string): string {
    const file = path.join(directory, name);
    writeFileSync(file, text);
    return file;
  }

  const kafkaSummit = {
    url: 'https://kafka-summit.org/events/kafka-summit-london-2019',
    startDate: '2019-05-13',
    source: 'confs-tech',
    kind: 'EVENT',
    list: 'data',
    drawnFor: 'messaging',
    title: 'Kafka Summit London',
    expected: ['kafka', 'message-queues-event-driven-architecture'],
    acceptable: [],
  };
  const unlisted = { ...kafkaSummit, url: 'https://example.org/never-listed', kind: 'BOOK', startDate: undefined, title: 'Unlisted book' };

  it('exits 2 and lists the problems of a malformed judgement file, before reading any feed', () => {
    const result = run(fileWith('bad-slug.json', JSON.stringify({ judgements: [{ ...kafkaSummit, expected: ['kafka-streams'] }] })));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('expected names "kafka-streams", which is no skill of the taxonomy');
    expect(result.stdout).not.toContain('overall');
  });

  it('exits 2 on a file that is not JSON, or that does not exist', () => {
    const notJson = run(fileWith('truncated.json', '{"judgements": ['));
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain('not JSON');
    const missing = run(path.join(directory, 'absent.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });

  it(
    'prints the figures with their targets, and the judged resources it did not find, exiting 0 whatever the figures',
    () => {
      const result = run(fileWith('two.json', JSON.stringify({ judgements: [kafkaSummit, unlisted] })));
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('2 judged resources');
      expect(result.stdout).toContain('1 found in the parsed feeds, 1 not found');
      expect(result.stdout).toMatch(/^overall +1 /m);
      expect(result.stdout).toMatch(/^source confs-tech +1 /m);
      expect(result.stdout).toContain('Targets: precision >= 0.92 and recall >= 0.85 overall');
      expect(result.stdout).toMatch(/Judged resources not found in the parsed data: 1\n +1 +confs-tech BOOK \(data\)/);
    },
    RUN_TIMEOUT_MS + 10_000,
  );

  it(
    'evaluates the committed judgement file by default',
    () => {
      const result = run(null);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('(tests/link-judgements/judgements.json)');
      expect(result.stdout).toMatch(/^source free-programming-books /m);
    },
    RUN_TIMEOUT_MS + 10_000,
  );
});
