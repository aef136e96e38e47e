import { Args, ArgsType, Authorized, Ctx, Extensions, Field, FieldResolver, Float, ID, Query, Resolver, Root } from 'type-graphql';
import { CallerRole } from '../../core/auth';
import { loadPresent } from '../../core/by-id-loader';
import type { Context } from '../../core/context';
import { PageArgs } from '../../core/relay/connection';
import type { ResourceDocument } from '../resource/resource.model';
import { Resource } from '../resource/resource.type';
import type { DuplicateCandidateDocument } from './duplicate-candidate.model';
import { listDuplicateCandidates, titleSimilarity } from './duplicate-candidate.service';
import { DuplicateCandidate, DuplicateCandidateConnection, DuplicateCandidateStatus } from './duplicate-candidate.type';
import { QUERY_COST } from '../../core/rate-limit/query-cost';

@ArgsType()
export class DuplicateCandidateArgs extends PageArgs {
  @Field(() => DuplicateCandidateStatus, { nullable: true, description: 'Only pairs in this review state; all when omitted.' })
  status?: DuplicateCandidateStatus | null;
}

async function resourcesOf(candidate: DuplicateCandidateDocument, { loaders }: Context): Promise<ResourceDocument[]> {
  return loadPresent(loaders.resourceById, candidate.resourceIds);
}

/** The near-duplicate review queue ingestion fills (`duplicate_candidates`), for admins and analysts. */
@Resolver(() => DuplicateCandidate)
export class DuplicateCandidateResolver {
  @Authorized(CallerRole.Admin, CallerRole.Analyst)
  @Extensions({ complexity: QUERY_COST.LIST_QUERY })
  @Query(() => DuplicateCandidateConnection, {
    description:
      'Pairs of resources of one kind and different providers with near-identical titles, flagged by ingestion for review, newest first. Admin or analyst only.',
  })
  duplicateCandidates(@Args() args: DuplicateCandidateArgs) {
    return listDuplicateCandidates(args);
  }

  @FieldResolver(() => ID, { description: "The review record's id (not a global `Node` id)." })
  id(@Root() candidate: DuplicateCandidateDocument): string {
    return String(candidate._id);
  }

  @FieldResolver(() => [Resource], {
    description: 'The two resources, oldest id first; a resource deleted since is left out. Retired resources are still shown.',
  })
  resources(@Root() candidate: DuplicateCandidateDocument, @Ctx() context: Context): Promise<ResourceDocument[]> {
    return resourcesOf(candidate, context);
  }

  @FieldResolver(() => Float, {
    description:
      'How alike the two titles are, from 0 to 1: shared words over all words of both titles (Jaccard, after lower-casing and dropping punctuation). The fingerprints are equal, so the distinctive words match; filler words make up the difference.',
  })
  async similarity(@Root() candidate: DuplicateCandidateDocument, @Ctx() context: Context): Promise<number> {
    const [left, right] = await resourcesOf(candidate, context);
    return left && right ? titleSimilarity(left.title, right.title) : 0;
  }
}
