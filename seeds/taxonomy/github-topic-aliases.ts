/**
 * Skill aliases taken from GitHub Explore's topics (seeds/data is not needed at run time: the reviewed
 * result is this file; the source is seeds/data/github-explore/topics.json, commit cc66c619,
 * CC BY 4.0, "Content based on github.com/github/explore used under the CC-BY-4.0 license", converted
 * from Markdown front matter to JSON; see NOTICE).
 *
 * How it was made: every topic whose slug or display name is already a skill's name or alias was
 * listed with its `aliases` (those no skill had yet); each alias was read and kept only if it is
 * another name for that very skill, as a learner would write it in a title, heading or topic. The
 * seed adds the accepted aliases to the skills (so they match in ingestion and in `search`), and
 * `validateTaxonomy` checks that none names two skills.
 */
export interface TopicAliases {
  /** The GitHub topic the aliases come from. */
  topic: string;
  /** The skill they name, by slug. */
  skill: string;
  aliases: string[];
}

export const githubTopicAliases: TopicAliases[] = [
  { topic: 'agentic-ai', skill: 'generative-ai-llms', aliases: ['agentic-workflows', 'agentic-ai'] },
  { topic: 'apm', skill: 'monitoring-logging', aliases: ['application-performance-management'] },
  { topic: 'authorization', skill: 'access-control', aliases: ['authz'] },
  { topic: 'clojure', skill: 'clojure', aliases: ['clj', 'cljs'] },
  { topic: 'dart', skill: 'dart', aliases: ['dartlang'] },
  { topic: 'data-structures', skill: 'algorithms-data-structures', aliases: ['data-structure'] },
  { topic: 'data-visualization', skill: 'data-analysis', aliases: ['dataviz'] },
  { topic: 'debian', skill: 'linux-unix', aliases: ['debian-linux'] },
  { topic: 'deep-learning', skill: 'deep-learning-frameworks', aliases: ['deeplearning'] },
  { topic: 'docker', skill: 'docker', aliases: ['docker-container', 'dockercompose'] },
  { topic: 'dotnet', skill: 'csharp', aliases: ['dotnet-core', 'dotnetcore', 'dot-net'] },
  { topic: 'feature-engineering', skill: 'data-preprocessing-feature-engineering', aliases: ['feature-extraction', 'feature-selection'] },
  { topic: 'generative-ai', skill: 'generative-ai-llms', aliases: ['gen-ai', 'generative-artificial-intelligence'] },
  { topic: 'google-cloud', skill: 'gcp', aliases: ['googlecloud', 'googlecloudplatform'] },
  { topic: 'integration-testing', skill: 'software-testing', aliases: ['integration-tests'] },
  { topic: 'jakarta-ee', skill: 'java', aliases: ['jakartaee'] },
  { topic: 'java', skill: 'java', aliases: ['jdk', 'javase'] },
  { topic: 'julia', skill: 'julia', aliases: ['julialang'] },
  { topic: 'jwt', skill: 'api-security-authentication', aliases: ['jsonwebtoken', 'json-web-token', 'jwt-authentication', 'jwt-auth'] },
  { topic: 'llm', skill: 'generative-ai-llms', aliases: ['large-language-model'] },
  { topic: 'logging', skill: 'monitoring-logging', aliases: ['log-analysis', 'application-logging', 'event-logging', 'error-logging'] },
  { topic: 'machine-learning', skill: 'ml-fundamentals', aliases: ['machinelearning', 'machine-learning-algorithms'] },
  { topic: 'mariadb', skill: 'mysql', aliases: ['mariadb-server'] },
  { topic: 'mongodb', skill: 'mongodb', aliases: ['mongodb-database'] },
  { topic: 'mongoose', skill: 'mongodb', aliases: ['mongoosejs'] },
  { topic: 'neural-network', skill: 'deep-learning-frameworks', aliases: ['artificial-neural-network'] },
  { topic: 'nosql', skill: 'nosql', aliases: ['no-sql'] },
  { topic: 'nuxt', skill: 'vuejs', aliases: ['nuxtjs'] },
  {
    topic: 'openapi',
    skill: 'restful-api-design',
    aliases: ['open-api', 'openapi-spec', 'openapi-specification', 'swagger-spec', 'swagger-specification'],
  },
  { topic: 'opentelemetry', skill: 'monitoring-logging', aliases: ['open-telemetry'] },
  { topic: 'pandas', skill: 'data-analysis', aliases: ['python-pandas', 'pandas-dataframe'] },
  { topic: 'perl', skill: 'perl', aliases: ['perl5'] },
  { topic: 'postgresql', skill: 'postgresql', aliases: ['pgsql', 'plpgsql'] },
  { topic: 'powershell', skill: 'bash-shell-scripting', aliases: ['windows-powershell', 'powershell-core'] },
  { topic: 'prompt-engineering', skill: 'generative-ai-llms', aliases: ['prompt-design'] },
  { topic: 'rag', skill: 'generative-ai-llms', aliases: ['rag-pipeline'] },
  { topic: 'rails', skill: 'ruby-on-rails', aliases: ['rubyonrails'] },
  { topic: 'redis', skill: 'redis', aliases: ['redis-db', 'redisdb'] },
  { topic: 'selenium', skill: 'software-testing', aliases: ['selenium-webdriver'] },
  { topic: 'serverless', skill: 'cloud-services', aliases: ['serverless-architecture', 'serverless-computing'] },
  { topic: 'shell', skill: 'bash-shell-scripting', aliases: ['shell-scripts', 'shellscript'] },
  { topic: 'spring-boot', skill: 'spring-boot', aliases: ['springboot'] },
  { topic: 'spring-mvc', skill: 'spring-boot', aliases: ['springmvc'] },
  { topic: 'test-automation', skill: 'software-testing', aliases: ['automated-testing', 'automated-tests'] },
  { topic: 'ubuntu', skill: 'linux-unix', aliases: ['kubuntu', 'xubuntu', 'lubuntu'] },
  { topic: 'unit-testing', skill: 'software-testing', aliases: ['unit-tests'] },
  { topic: 'unix', skill: 'linux-unix', aliases: ['unix-system'] },
  { topic: 'vanilla-js', skill: 'javascript-nodejs', aliases: ['vanillajs'] },
  { topic: 'zsh', skill: 'bash-shell-scripting', aliases: ['zshell'] },
];

/**
 * What the review left out, by kind, with examples: each kind would attach a skill a resource does not
 * teach, or adds nothing a learner writes.
 */
export const rejectedTopicAliasClasses: Array<{ kind: string; reason: string; examples: string[] }> = [
  {
    kind: 'version-tagged spellings',
    reason: 'a version names no skill of its own and never appears as a word in our feeds; the skill name already matches "Java 11"',
    examples: ['java8', 'java-11', 'php74', 'python27', 'cpp17', 'laravel10', 'rails7', 'swift4', 'vue3', 'typescript2', 'ubuntu1604'],
  },
  {
    kind: 'artefacts built with the skill',
    reason: 'a client, module, model, tutorial or example is a kind of repository, not another name for the skill',
    examples: [
      'graphql-client',
      'terraform-modules',
      'tensorflow-models',
      'machine-learning-library',
      'rest-api-tutorial',
      'golang-examples',
    ],
  },
  {
    kind: 'neighbouring but different things',
    reason: 'kernel development is not using Linux, a desktop is not administration, a state library is not its framework',
    examples: ['linux-kernel', 'linux-desktop', 'linux-app', 'vuex', 'audit-trail', 'data-logging', 'feature-transformation'],
  },
  {
    kind: 'words too general or ambiguous to name one skill',
    reason: '"test", "monitor", "docs", "prompting" and "oas" mean many things in a title; "saas" is a business model, not cloud skills',
    examples: [
      'test',
      'testing-practices',
      'monitor',
      'docs',
      'documentation-generator',
      'prompting',
      'oas',
      'bq',
      'software-as-a-service',
    ],
  },
  {
    kind: 'identifiers nobody writes',
    reason: 'standard numbers and odd spellings of a name already matched',
    examples: ['rfc-7519', 'rfc6749', 'c-ansi', 'k-and-r', 'cplusplus-11'],
  },
  {
    kind: 'tools that are not the skill',
    reason: 'a command-line interface is not shell scripting; documentation generators are not communication',
    examples: ['commandline-interface', 'command-line-interface', 'documentation', 'documentations'],
  },
];
