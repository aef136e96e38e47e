import { Types } from 'mongoose';
import type { EntitiesChanged, EntityChanges } from '../src/core/entity-changes';
import { toGlobalId } from '../src/core/relay/global-id';
import { DuplicateCandidateModel } from '../src/modules/ingestion/duplicate-candidate.model';
import { IngestionService } from '../src/modules/ingestion/ingestion.service';
import type { FeedRecord } from '../src/modules/ingestion/ingestion.types';
import { ResourceWriter } from '../src/modules/ingestion/resource-writer';
import { ResourceModel } from '../src/modules/resource/resource.model';
import { seedIngestionVocabulary, type IngestionFixture } from './helpers/ingestion-fixture';
import { dataOf, startTestApp, type TestApp } from './helpers/test-app';

/**
 * What the resource writer guarantees beyond a single write: a full feed run that stops listing a
 * resource another feed owns removes that feed's listing and nothing else, and a new resource whose
 * title fingerprint equals another provider's is flagged once, as one pair, for review.
 */

let app: TestApp;
let fixture: IngestionFixture;

const CREATE_COURSE = `mutation($input: CreateCourseInput!) { createCourse(input: $input) { resource { id slug } userErrors { field code message } } }`;

function record(externalId: string, providerSlug: string, title: string, url: string, recordNumber = 1): FeedRecord {
  return { recordNumber, externalId, kind: 'COURSE', providerSlug, title, url, price: 0, offer: { isPaid: false } };
}

async function ingest(feed: string, records: FeedRecord[], full = false) {
  const report = await new IngestionService().ingest(feed, { records, rejected: [] }, { full, allowMassRetire: true });
  expect(report.rejected).toEqual([]);
  return report;
}

async function createAdminCourse(providerSlug: string, title: string, url: string): Promise<Types.ObjectId> {
  const payload = dataOf(
    await app.graphql(
      CREATE_COURSE,
      { input: { title, url, providerId: toGlobalId('Provider', fixture.providerIds[providerSlug]), free: true } },
      { admin: true },
    ),
  ).createCourse;
  expect(payload.userErrors).toEqual([]);
  return (await ResourceModel.findOne({ slug: payload.resource.slug }).lean().exec())!._id;
}

async function idAt(url: string): Promise<Types.ObjectId> {
  return (await ResourceModel.findOne({ url }).lean().exec())!._id;
}

/** The stored document as the database holds it (no mongoose defaults filled in). */
async function raw(id: Types.ObjectId): Promise<Record<string, unknown>> {
  return (await ResourceModel.collection.findOne({ _id: id }))!;
}

async function candidates() {
  return DuplicateCandidateModel.find({}).lean().exec();
}

function expectPair(
  pair: { pairKey: string; resourceIds: unknown[]; titleFingerprint: string; status?: string | null },
  ids: Types.ObjectId[],
  fingerprint: string,
) {
  const sorted = ids.map(String).sort();
  expect(pair.pairKey).toBe(sorted.join(':'));
  expect(pair.resourceIds.map(String)).toEqual(sorted);
  expect(pair.titleFingerprint).toBe(fingerprint);
  expect(pair.status).toBe('OPEN');
  expect((pair as { reason?: string }).reason).toBe('same title fingerprint and kind, different providers');
}

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedIngestionVocabulary();
});
afterAll(() => app?.stop());

beforeEach(async () => {
  await ResourceModel.deleteMany({}).exec();
  await DuplicateCandidateModel.deleteMany({}).exec();
});

describe('a full feed run that no longer lists a resource another feed owns', () => {
  it("drops only that feed's listing, unsets the field with the last one, and leaves unchanged listings unwritten", async () => {
    const shared = 'https://acme.example/courses/shared';
    const other = 'https://acme.example/courses/other';
    await ingest('feed-a', [record('a1', 'acme-academy', 'Docker Basics', shared), record('a2', 'acme-academy', 'Rust Basics', other, 2)]);
    await ingest('feed-b', [record('b1', 'acme-academy', 'Docker Basics', shared), record('b2', 'acme-academy', 'Rust Basics', other, 2)]);
    await ingest('feed-c', [record('c1', 'acme-academy', 'Docker Basics', shared)]);
    const sharedId = await idAt(shared);
    const otherId = await idAt(other);
    expect((await raw(sharedId)).alsoListedBy).toEqual([
      expect.objectContaining({ feed: 'feed-b', externalId: 'b1' }),
      expect.objectContaining({ feed: 'feed-c', externalId: 'c1' }),
    ]);
    const otherBefore = await raw(otherId);
    expect(otherBefore.alsoListedBy).toEqual([expect.objectContaining({ feed: 'feed-b', externalId: 'b2' })]);

    const events: EntitiesChanged[] = [];
    const recorder: EntityChanges = {
      emit: (change) => {
        events.push(change);
        return Promise.resolve();
      },
    };
    const writer = new ResourceWriter(recorder);

    // feed-b lists b2 only: its listing of the shared resource goes, feed-c's stays.
    expect(await writer.retireMissing('feed-b', new Set(['b2']))).toBe(0);
    const shared1 = await raw(sharedId);
    expect(shared1.alsoListedBy).toEqual([expect.objectContaining({ feed: 'feed-c', externalId: 'c1' })]);
    expect(shared1.retiredAt).toBeUndefined();
    // The resource whose listings did not change is not written, and no change is announced for it.
    expect(await raw(otherId)).toEqual(otherBefore);
    expect(events).toEqual([{ type: 'Resource', ids: [sharedId] }]);

    // feed-c lists nothing: its was the last listing, so the field goes.
    events.length = 0;
    expect(await writer.retireMissing('feed-c', new Set())).toBe(0);
    const shared2 = await raw(sharedId);
    expect('alsoListedBy' in shared2).toBe(false);
    expect(await raw(otherId)).toEqual(otherBefore);
    expect(events).toEqual([{ type: 'Resource', ids: [sharedId] }]);
  });

  it('does the same through a full feed run of the ingestion service', async () => {
    const shared = 'https://acme.example/courses/shared-run';
    await ingest('feed-a', [record('a1', 'acme-academy', 'Go Basics', shared)]);
    await ingest('feed-b', [record('b1', 'acme-academy', 'Go Basics', shared)]);
    await ingest('feed-c', [record('c1', 'acme-academy', 'Go Basics', shared)]);
    const sharedId = await idAt(shared);

    await ingest('feed-b', [record('b9', 'acme-academy', 'Python Basics', 'https://acme.example/courses/python')], true);
    expect((await raw(sharedId)).alsoListedBy).toEqual([expect.objectContaining({ feed: 'feed-c', externalId: 'c1' })]);
    await ingest('feed-c', [record('c9', 'acme-academy', 'Java Basics', 'https://acme.example/courses/java')], true);
    expect('alsoListedBy' in (await raw(sharedId))).toBe(false);
    expect((await raw(sharedId)).retiredAt).toBeUndefined();
  });
});

describe('near-duplicate flagging', () => {
  it('pairs a feed resource with another provider’s of the same fingerprint, once (preloaded catalogue)', async () => {
    await ingest('feed-u', [record('u1', 'udemy', 'Kubernetes: the Complete Guide', 'https://www.udemy.com/course/k8s')]);
    const udemyId = await idAt('https://www.udemy.com/course/k8s');
    expect((await raw(udemyId)).titleFingerprint).toBe('kubernetes');

    // The same provider, the same fingerprint: no pair.
    await ingest('feed-u2', [record('u2', 'udemy', 'The Complete Kubernetes Course', 'https://www.udemy.com/course/k8s-2')]);
    expect(await candidates()).toEqual([]);

    // Fingerprints that are empty pair with nothing, even across providers.
    await ingest('feed-e', [
      record('e1', 'edx', 'The Complete Guide', 'https://www.edx.org/course/guide'),
      record('e2', 'coursera', 'A Complete Course', 'https://www.coursera.org/learn/course', 2),
    ]);
    expect(await candidates()).toEqual([]);

    // Another provider: one pair with each of udemy's two.
    await ingest('feed-c', [record('c1', 'coursera', 'Kubernetes Guide', 'https://www.coursera.org/learn/k8s')]);
    const courseraId = await idAt('https://www.coursera.org/learn/k8s');
    const udemy2Id = await idAt('https://www.udemy.com/course/k8s-2');
    const pairs = (await candidates()).sort((left, right) => left.pairKey.localeCompare(right.pairKey));
    expect(pairs).toHaveLength(2);
    const expected = [
      [courseraId, udemyId],
      [courseraId, udemy2Id],
    ].sort((left, right) => left.map(String).sort().join(':').localeCompare(right.map(String).sort().join(':')));
    expectPair(pairs[0], expected[0], 'kubernetes');
    expectPair(pairs[1], expected[1], 'kubernetes');

    // Written again (and re-titled to the same fingerprint): still the same two pairs.
    await ingest('feed-c', [record('c1', 'coursera', 'Kubernetes Guide', 'https://www.coursera.org/learn/k8s')]);
    await ingest('feed-c', [record('c1', 'coursera', 'Kubernetes: Complete Guide', 'https://www.coursera.org/learn/k8s')]);
    expect(await DuplicateCandidateModel.countDocuments({}).exec()).toBe(2);
  });

  it('pairs an admin-created course with another provider’s of the same fingerprint (no catalogue)', async () => {
    await ingest('feed-c', [record('c1', 'coursera', 'Docker: the complete course', 'https://www.coursera.org/learn/docker')]);
    const courseraId = await idAt('https://www.coursera.org/learn/docker');
    // A retired twin of another provider is not paired.
    await ingest('feed-e', [record('e1', 'edx', 'Docker', 'https://www.edx.org/course/docker')]);
    expect(await DuplicateCandidateModel.countDocuments({}).exec()).toBe(1);
    await DuplicateCandidateModel.deleteMany({}).exec();
    await ingest('feed-e', [], true);
    expect((await raw(await idAt('https://www.edx.org/course/docker'))).retiredAt).toBeInstanceOf(Date);

    // The same provider: no pair.
    await createAdminCourse('coursera', 'The Complete Docker Course', 'https://www.coursera.org/learn/docker-2');
    expect(await candidates()).toEqual([]);
    // An empty fingerprint: no pair, even with another provider's empty one.
    await createAdminCourse('edx', 'The Complete Guide', 'https://www.edx.org/course/guide');
    await createAdminCourse('udemy', 'A Complete Course', 'https://www.udemy.com/course/course');
    expect(await candidates()).toEqual([]);

    const acmeId = await createAdminCourse('acme-academy', 'Docker Course', 'https://acme.example/courses/docker');
    const pairs = (await candidates()).filter((pair) => pair.resourceIds.map(String).includes(String(acmeId)));
    const coursera2Id = await idAt('https://www.coursera.org/learn/docker-2');
    expect(await DuplicateCandidateModel.countDocuments({}).exec()).toBe(2);
    const sortedPairs = pairs.sort((left, right) => left.pairKey.localeCompare(right.pairKey));
    const expected = [
      [acmeId, courseraId],
      [acmeId, coursera2Id],
    ].sort((left, right) => left.map(String).sort().join(':').localeCompare(right.map(String).sort().join(':')));
    expectPair(sortedPairs[0], expected[0], 'docker');
    expectPair(sortedPairs[1], expected[1], 'docker');
  });

  it('never pairs resources of different kinds: a repository and a conference with one title (feed and admin paths)', async () => {
    const repository: FeedRecord = {
      recordNumber: 1,
      externalId: 'gh1',
      kind: 'OPEN_SOURCE_PROJECT',
      providerSlug: 'github',
      title: 'PyTorch',
      url: 'https://github.com/pytorch/pytorch',
    };
    const conference: FeedRecord = {
      recordNumber: 1,
      externalId: 'ct1',
      kind: 'EVENT',
      providerSlug: 'confs-tech',
      title: 'PyTorch Conference',
      url: 'https://events.example/pytorch-conference',
      startDate: '2026-10-22',
    };
    await ingest('feed-gh', [repository]);
    await ingest('feed-ct', [conference]);
    expect((await raw(await idAt('https://events.example/pytorch-conference'))).titleFingerprint).toBe('conference pytorch');
    // "PyTorch Conference" and "PyTorch" differ; a title that reduces to the repository's does not pair either.
    await ingest('feed-ct', [{ ...conference, externalId: 'ct2', title: 'The PyTorch', url: 'https://events.example/pytorch-2026' }]);
    expect((await raw(await idAt('https://events.example/pytorch-2026'))).titleFingerprint).toBe('pytorch');
    expect(await candidates()).toEqual([]);

    // Through the admin door (no preloaded catalogue): a course of another provider pairs with neither kind.
    await createAdminCourse('udemy', 'PyTorch', 'https://www.udemy.com/course/pytorch');
    expect(await candidates()).toEqual([]);
    // The same kind still pairs: the control that shows the check above could fail.
    const courseId = await createAdminCourse('coursera', 'The PyTorch Course', 'https://www.coursera.org/learn/pytorch');
    const pairs = await candidates();
    expect(pairs).toHaveLength(1);
    expectPair(pairs[0], [courseId, await idAt('https://www.udemy.com/course/pytorch')], 'pytorch');
  });

  it('createOne flags directly, and flagging the same pair again adds nothing', async () => {
    await ingest('feed-c', [record('c1', 'coursera', 'Rust in Practice', 'https://www.coursera.org/learn/rust')]);
    const courseraId = await idAt('https://www.coursera.org/learn/rust');
    const writer = new ResourceWriter();
    const source = (await ResourceModel.findById(courseraId).lean().exec())!;
    const id = new Types.ObjectId();
    const {
      _id: _ignored,
      slug: _slug,
      url: _url,
      urlKey: _urlKey,
      source: _source,
      alsoListedBy: _also,
      createdAt: _c,
      updatedAt: _u,
      ...rest
    } = source as unknown as Record<string, unknown>;
    void [_ignored, _slug, _url, _urlKey, _source, _also, _c, _u];
    await writer.createOne({
      ...(rest as Record<string, unknown> & { title: string }),
      _id: id,
      slug: `rust-in-practice-${String(id).slice(-6)}`,
      url: 'https://www.udemy.com/course/rust',
      providerId: fixture.providerIds.udemy,
      source: { feed: 'admin', externalId: String(id), fetchedAt: new Date() },
    } as unknown as Parameters<ResourceWriter['createOne']>[0]);
    const pairs = await candidates();
    expect(pairs).toHaveLength(1);
    expectPair(pairs[0], [id, courseraId], 'practice rust');

    // The title re-read to the same fingerprint by an admin edit flags the pair again: still one.
    const stored = (await ResourceModel.findById(id).lean().exec())!;
    await writer.updateOne({ ...stored, titleFingerprint: 'other' }, { title: 'Rust: in Practice' }, []);
    expect(await DuplicateCandidateModel.countDocuments({}).exec()).toBe(1);

    // An edit that leaves the title alone leaves the derived title fields alone too.
    const before = (await ResourceModel.findById(id).lean().exec())!;
    const updated = await writer.updateOne(before, { description: 'Ownership and borrowing, by example.' }, []);
    expect(updated).toMatchObject({ title: before.title, titleKey: before.titleKey, titleFingerprint: 'practice rust' });
    expect(await raw(id)).toMatchObject({ titleKey: before.titleKey, titleFingerprint: 'practice rust' });
  });
});
