/**
 * A term that is not another name for one skill: a field ("DevOps", "Security") or a technology
 * built on a skill ("Next.js" on React). Kept apart from aliases because an alias names exactly one
 * skill, and a broad term alone never proves which of its skills a resource teaches.
 *
 * - `implies: true`: learning the term is learning the skills (Next.js is React; Flutter is Dart), so
 *   the term attaches them itself (matchedBy BROAD_TERM, lower confidence than a name).
 * - `core`: the few skills no resource on the field can avoid (HTML and CSS in web development, data
 *   analysis in data science) are attached like an implied skill;
 * - `ownCore`: the skills a field stands for when the resource itself is said to be about the field:
 *   its own title names it ("DevOps from Zero to Hero" teaches CI/CD, "Security Essentials" security
 *   awareness), or a topic given to this one resource does (a conference filed under confs.tech's
 *   `security` topic is a security conference). A list heading alone still only narrows: lists file
 *   many narrower things under a field (a Security heading holds OAuth and cryptography books);
 * - `notASkill`: a name that is not a skill although a skill's name is inside it ("Standard ML", a
 *   language, holds "ML"); it maps to no skill and takes its words, so the inner name is not read alone;
 * - otherwise the term only narrows: a skill of `skills` is attached when the resource's own words
 *   (title, own description, an event's name) support it, by one of the skill's names or aliases or
 *   by one of `cues[skill]` (words that say which part of the field it is, but are too vague to name
 *   the skill anywhere else). Unsupported, the term attaches nothing (docs/INGESTION.md, "Skills").
 */
export interface BroadTerm {
  term: string;
  /** The skills the term can stand for, by slug. */
  skills: string[];
  /** The term is a technology built on `skills`: it attaches them without support. */
  implies?: boolean;
  /** Skills of `skills` at the core of the field, which every resource on it teaches: attached without support. */
  core?: string[];
  /** Skills of `skills` attached when the resource's own title or one of its own topics names the term (not a list heading alone). */
  ownCore?: string[];
  /** The term names something that is no skill (with `skills: []`): found, it attaches nothing and hides the names inside it. */
  notASkill?: boolean;
  /** Extra words (normalised, whole words or phrases) that support a skill of `skills` in this term's context. */
  cues?: Record<string, string[]>;
}

/**
 * Terms found in course headings, feed topics, GitHub topics and event names. The matcher tries skill
 * names and aliases first, then these.
 */
export const broadTerms: BroadTerm[] = [
  {
    term: 'DevOps',
    ownCore: ['ci-cd'],
    skills: [
      'ci-cd',
      'infrastructure-as-code',
      'monitoring-logging',
      'docker',
      'kubernetes',
      'site-reliability-engineering',
      'cloud-services',
      'server-administration',
    ],
    cues: {
      'ci-cd': ['pipeline', 'pipelines', 'continuous', 'delivery', 'deployment'],
      'infrastructure-as-code': ['gitops', 'provisioning', 'infrastructure automation'],
      'monitoring-logging': ['observability', 'o11y', 'monitorama'],
      docker: ['dockercon', 'container', 'containers'],
      kubernetes: ['kubecon', 'kubernetes community days', 'kcd', 'cloud native computing'],
      'site-reliability-engineering': ['reliability', 'chaos', 'srecon', 'incident'],
      'cloud-services': ['cloud', 'cloud native', 'serverless', 'serverlessdays'],
      'server-administration': ['sysadmins', 'sysadmindays'],
    },
  },
  {
    term: 'Security',
    ownCore: ['cybersecurity-awareness'],
    skills: [
      'cybersecurity-awareness',
      'secure-coding',
      'encryption',
      'access-control',
      'vulnerability-assessment',
      'ethical-hacking-penetration-testing',
      'security-auditing',
    ],
    cues: {
      'cybersecurity-awareness': ['cyber', 'cybersec', 'infosec', 'information security', 'security awareness', 'cyber security'],
      'secure-coding': ['appsec', 'owasp', 'devsecops', 'secure software', 'web application security', 'software security'],
      encryption: ['crypto', 'cryptographic', 'cryptology'],
      'access-control': ['identity', 'iam', 'access management'],
      'vulnerability-assessment': ['vulnerability', 'vulnerabilities', 'threat', 'threats', 'malware analysis'],
      'ethical-hacking-penetration-testing': [
        'hacking',
        'hacker',
        'hackers',
        'pentesting',
        'exploit',
        'exploits',
        'exploitation',
        'offensive',
        'defcon',
        'def con',
        'black hat',
      ],
      'security-auditing': ['audit', 'auditing', 'compliance', 'forensics'],
    },
  },
  {
    term: 'Hacking',
    skills: ['ethical-hacking-penetration-testing'],
    cues: { 'ethical-hacking-penetration-testing': ['ethical', 'exploitation', 'exploit', 'penetration', 'security', 'hacker', 'web'] },
  },
  {
    term: 'Web Development',
    skills: ['html-css', 'javascript-nodejs'],
    core: ['html-css'],
    cues: { 'html-css': ['frontend', 'front end', 'web design', 'responsive'] },
  },
  {
    term: 'Data Science',
    skills: ['data-analysis', 'statistical-analysis', 'ml-fundamentals'],
    core: ['data-analysis'],
    cues: {
      'data-analysis': ['analytics', 'visualization', 'visualisation', 'exploratory'],
      'statistical-analysis': ['statistical', 'probability', 'inference'],
      'ml-fundamentals': ['machine learning', 'predictive', 'learning from data'],
    },
  },
  {
    term: 'Data',
    skills: ['data-analysis', 'ml-fundamentals', 'deep-learning-frameworks', 'generative-ai-llms', 'apache-spark', 'sql', 'nosql'],
    cues: {
      'data-analysis': ['analytics', 'visualization', 'visualisation', 'data science', 'business intelligence'],
      'ml-fundamentals': ['machine learning', 'mlconf'],
      'deep-learning-frameworks': ['deep learning', 'neural'],
      'generative-ai-llms': ['genai', 'llm', 'llms', 'generative'],
      'apache-spark': ['spark', 'databricks'],
      sql: ['sql', 'postgres'],
    },
  },
  {
    term: 'Big Data',
    skills: ['apache-spark', 'data-analysis'],
    cues: { 'apache-spark': ['spark', 'hadoop'], 'data-analysis': ['analytics', 'analysis'] },
  },
  {
    term: 'Artificial Intelligence',
    ownCore: ['ml-fundamentals'],
    skills: ['ml-fundamentals', 'deep-learning-frameworks', 'generative-ai-llms'],
    cues: {
      'ml-fundamentals': ['machine learning'],
      'deep-learning-frameworks': ['neural', 'deep'],
      'generative-ai-llms': ['generative', 'chatgpt', 'gpt', 'prompt', 'prompts', 'agents', 'agentic'],
    },
  },
  {
    term: 'AI',
    ownCore: ['ml-fundamentals'],
    skills: ['ml-fundamentals', 'deep-learning-frameworks', 'generative-ai-llms'],
    cues: {
      'ml-fundamentals': ['machine learning'],
      'deep-learning-frameworks': ['neural', 'deep'],
      'generative-ai-llms': ['generative', 'chatgpt', 'gpt', 'prompt', 'prompts', 'agents', 'agentic', 'copilot'],
    },
  },
  {
    term: 'MLOps',
    skills: ['ml-libraries-frameworks', 'ci-cd', 'monitoring-logging'],
    cues: { 'ci-cd': ['pipeline', 'pipelines', 'deployment'], 'monitoring-logging': ['monitoring', 'observability'] },
  },
  { term: 'Soft Computing', skills: ['ml-fundamentals'], cues: { 'ml-fundamentals': ['learning', 'neural', 'fuzzy'] } },
  {
    term: 'Computer Science',
    skills: ['algorithms-data-structures', 'operating-systems', 'computer-networking'],
    cues: { 'algorithms-data-structures': ['algorithm', 'algorithmic', 'data structure', 'complexity'] },
  },
  { term: 'Graph Theory', skills: ['algorithms-data-structures'], implies: true },
  {
    term: 'Software Engineering',
    skills: ['system-design', 'software-testing'],
    cues: { 'system-design': ['design', 'architecture', 'design patterns'], 'software-testing': ['test', 'tests', 'testing'] },
  },
  {
    term: 'API Development',
    ownCore: ['restful-api-design'],
    skills: ['restful-api-design', 'graphql', 'api-security-authentication'],
    cues: { 'restful-api-design': ['rest', 'http', 'api design'], 'api-security-authentication': ['auth', 'api security'] },
  },
  {
    term: 'APIs',
    skills: ['restful-api-design', 'graphql', 'api-security-authentication'],
    cues: {
      'restful-api-design': ['rest', 'api', 'apis', 'apidays', 'api days', 'api design', 'api world', 'apiworld'],
      'api-security-authentication': ['api security', 'auth'],
    },
  },
  {
    term: 'Databases',
    skills: ['sql', 'nosql', 'database-management', 'data-modeling'],
    cues: {
      sql: ['relational', 'query', 'queries', 'sqlite'],
      'database-management': ['database', 'databases', 'database systems', 'dbms', 'administration'],
      'data-modeling': ['design', 'modeling', 'modelling', 'schema'],
    },
  },
  { term: 'Jupyter', skills: ['python', 'data-analysis'], cues: { 'data-analysis': ['data', 'analysis', 'notebooks'] } },
  { term: 'Next.js', skills: ['react'], implies: true },
  { term: 'Redux', skills: ['react'], implies: true },
  { term: 'React Native', skills: ['react'], implies: true },
  { term: 'Remix', skills: ['react'], implies: true },
  { term: 'Astro', skills: ['javascript-nodejs'], implies: true },
  { term: 'Svelte', skills: ['javascript-nodejs'], implies: true },
  { term: 'jQuery', skills: ['javascript-nodejs'], implies: true },
  { term: 'D3.js', skills: ['javascript-nodejs', 'data-analysis'], implies: true },
  { term: 'Three.js', skills: ['javascript-nodejs'], implies: true },
  { term: 'Electron', skills: ['javascript-nodejs', 'html-css'], implies: true },
  { term: 'Webpack', skills: ['javascript-nodejs'], implies: true },
  { term: 'Deno', skills: ['javascript-nodejs', 'typescript'], implies: true },
  { term: 'Bootstrap', skills: ['html-css'], implies: true },
  { term: 'Tailwind CSS', skills: ['html-css'], implies: true },
  { term: 'Sass', skills: ['html-css'], implies: true },
  { term: 'Pug', skills: ['html-css'], implies: true },
  { term: 'Cypress', skills: ['software-testing', 'javascript-nodejs'], implies: true },
  { term: 'Flutter', skills: ['dart'], implies: true },
  { term: 'Jetpack Compose', skills: ['kotlin'], implies: true },
  { term: 'Gatsby', skills: ['react'], implies: true },
  { term: 'VuePress', skills: ['vuejs'], implies: true },
  { term: 'phpMyAdmin', skills: ['mysql'], implies: true },
  { term: 'PouchDB', skills: ['nosql'], implies: true },
  { term: 'CouchDB', skills: ['nosql'], implies: true },
  { term: 'SELinux', skills: ['linux-unix', 'access-control'], implies: true },
  { term: 'Fuzzing', skills: ['software-testing', 'vulnerability-assessment'], implies: true },
  { term: 'Standard ML', skills: [], notASkill: true },
  // A web-server section holds Nginx and Apache httpd manuals, and Node or Go servers too: only names narrow it.
  { term: 'Web Servers', skills: ['nginx', 'apache'] },
  // Microsoft's relational database: its books teach T-SQL and running the server.
  { term: 'SQL Server', skills: ['sql', 'database-management'], implies: true },
  // The Linux shell is Bash's home: a book on its command line teaches both.
  { term: 'Linux Command Line', skills: ['bash-shell-scripting', 'linux-unix'], implies: true },
  { term: 'Linux Shell', skills: ['bash-shell-scripting', 'linux-unix'], implies: true },
  { term: 'Linux Commands', skills: ['bash-shell-scripting', 'linux-unix'], implies: true },
  {
    term: 'Event-driven microservices',
    skills: ['message-queues-event-driven-architecture', 'service-oriented-architecture'],
    implies: true,
  },
  // Infrastructure and deployments declared in Git: not a course on Git itself.
  { term: 'GitOps', skills: ['infrastructure-as-code', 'ci-cd'], implies: true },
  { term: 'Android', skills: ['kotlin', 'java'], cues: {} },
  // Not implied: confs.tech's iOS topic holds cross-platform conferences (React Native, Flutter) as well.
  { term: 'iOS', skills: ['swift'], cues: { swift: ['swiftui', 'uikit', 'xcode', 'swiftleeds', 'swiftcon', 'swiftable', 'swiftfest'] } },
  { term: 'SwiftUI', skills: ['swift'], implies: true },
  { term: 'Vapor', skills: ['swift'], implies: true },
  { term: 'Phoenix', skills: ['elixir'], cues: { elixir: ['liveview', 'elixir'] } },
  { term: 'WordPress', skills: ['php'], cues: { php: ['plugin', 'plugins', 'theme development', 'developer', 'developers'] } },
  {
    term: 'CUDA',
    skills: ['cpp', 'deep-learning-frameworks'],
    cues: { 'deep-learning-frameworks': ['deep', 'neural'] },
  },
  { term: 'Open Source', skills: ['git'], cues: { git: ['github', 'gitlab', 'pull request', 'pull requests'] } },
  {
    term: 'Identity',
    ownCore: ['access-control'],
    skills: ['access-control', 'api-security-authentication'],
    cues: {
      'access-control': ['iam', 'access', 'authorization', 'authorisation', 'identiverse'],
      'api-security-authentication': ['authentication', 'oauth', 'openid', 'sso', 'single sign on'],
    },
  },
  { term: 'Leadership', skills: ['communication', 'teamwork'], cues: { teamwork: ['teams', 'team'] } },
  // A soft-skills programme is talks and workshops on communicating; teamwork only when it says so.
  { term: 'Soft Skills', ownCore: ['communication'], skills: ['communication', 'teamwork'], cues: { teamwork: ['teams', 'team'] } },
  {
    term: 'Web Performance',
    skills: ['performance-tuning', 'caching-strategies'],
    cues: { 'performance-tuning': ['perf', 'perfnow', 'speed', 'web vitals', 'fast'], 'caching-strategies': ['cdn'] },
  },
];
