import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../node/node.type';

export enum ProviderKind {
  MOOC_PLATFORM = 'MOOC_PLATFORM',
  MARKETPLACE = 'MARKETPLACE',
  OPEN_SOURCE = 'OPEN_SOURCE',
  EVENTS = 'EVENTS',
  COMMUNITY = 'COMMUNITY',
}

registerEnumType(ProviderKind, {
  name: 'ProviderKind',
  description: 'What sort of source a provider is.',
  valuesConfig: {
    MOOC_PLATFORM: { description: 'A platform of online courses from universities and companies (Coursera, edX).' },
    MARKETPLACE: { description: 'A marketplace where independent instructors sell courses (Udemy).' },
    OPEN_SOURCE: { description: 'A host of open-source projects that welcome contributors (GitHub).' },
    EVENTS: { description: 'A listing of conferences (confs.tech).' },
    COMMUNITY: { description: 'A community source: meetups, video channels, independent sites.' },
  },
});

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'Where learning resources come from: a course platform, a code host, an event listing or a partner.',
})
export class Provider extends Node {
  @Field({ description: 'URL-safe unique name, e.g. "coursera".' })
  slug!: string;

  @Field({ description: 'Display name, e.g. "Coursera".' })
  name!: string;

  @Field(() => ProviderKind, { description: 'What sort of source this is.' })
  kind!: ProviderKind;

  @Field({ description: 'Home page of the provider.' })
  url!: string;

  @Field({ description: 'What the provider offers, in a sentence or two.' })
  description!: string;

  @Field(() => [String], { description: 'URL hosts that belong to this provider; resources are matched to it by their URL.' })
  hosts!: string[];

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record last changed.' })
  updatedAt!: Date;
}
