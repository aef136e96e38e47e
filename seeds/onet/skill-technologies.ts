/**
 * The O*NET technology examples (`Example` in seeds/data/onet-29.2/`Technology Skills.txt`) that name
 * each skill, reviewed by hand from the candidates `scripts/onet-propose-technologies.ts` proposes.
 *
 * The rule: an example is listed when it IS the skill (its language, product or practice), or is the
 * product the skill is practised through and the skill's own names say so (Oracle Java for Java,
 * Jenkins CI for Jenkins). Rejected on review, for example: "Oracle Taleo" and the other Oracle
 * business suites for Oracle Database, the 25 other Apache projects for Apache HTTP Server, "Amazon
 * Elastic Compute Cloud EC2" for Elasticsearch, "Marketo Marketing Automation" for script automation,
 * "HP Network Node Manager" for Node.js, "Kali Linux" for Linux/Unix (it belongs to ethical hacking),
 * and generic software classes that only share a word ("Network documentation software" for
 * communication). Skills O*NET names no technology for (soft skills, most concepts) are absent.
 * `seeds/onet/__tests__` checks that every slug is a skill and every example is in the data.
 */

/** The O*NET examples that name one skill. */
export interface SkillTechnologySeed {
  skill: string;
  /** Exact `Example` values of Technology Skills.txt. */
  examples: string[];
}

export const skillTechnologies: SkillTechnologySeed[] = [
  // Languages
  { skill: 'python', examples: ['Python'] },
  {
    skill: 'java',
    examples: [
      'Oracle Java',
      'Oracle Java 2 Platform Enterprise Edition J2EE',
      'Oracle Java Enterprise Edition EE',
      'Sun Microsystems Java',
    ],
  },
  { skill: 'php', examples: ['PHP'] },
  { skill: 'ruby', examples: ['Ruby'] },
  { skill: 'javascript-nodejs', examples: ['JavaScript', 'Node.js'] },
  { skill: 'csharp', examples: ['C#', 'Microsoft .NET Framework', 'Microsoft Visual C# .NET'] },
  { skill: 'typescript', examples: ['TypeScript'] },
  { skill: 'go', examples: ['Go'] },
  { skill: 'rust', examples: ['Rust programming language'] },
  { skill: 'cpp', examples: ['C++'] },
  { skill: 'c', examples: ['C', 'American National Standards Institute ANSI C'] },
  { skill: 'kotlin', examples: ['Kotlin'] },
  { skill: 'swift', examples: ['Swift'] },
  { skill: 'scala', examples: ['Scala'] },
  { skill: 'haskell', examples: ['Haskell'] },
  { skill: 'julia', examples: ['Julia'] },
  { skill: 'r-language', examples: ['R'] },
  { skill: 'perl', examples: ['Perl'] },
  {
    skill: 'bash-shell-scripting',
    examples: ['Bash', 'Shell script', 'UNIX Shell', 'Microsoft PowerShell', 'Microsoft Windows PowerShell', 'Bourne Shell', 'C shell'],
  },
  // Frameworks
  { skill: 'django', examples: ['Django'] },
  { skill: 'flask', examples: ['Flask'] },
  { skill: 'spring-boot', examples: ['Spring Boot', 'Spring Framework'] },
  { skill: 'ruby-on-rails', examples: ['Ruby on Rails'] },
  { skill: 'aspnet-core', examples: ['Microsoft ASP.NET', 'Microsoft ASP.NET Core MVC'] },
  { skill: 'react', examples: ['React'] },
  { skill: 'angular', examples: ['Google Angular'] },
  { skill: 'vuejs', examples: ['Vue.js'] },
  { skill: 'html-css', examples: ['Hypertext markup language HTML', 'Cascading style sheets CSS'] },
  // Databases
  {
    skill: 'sql',
    examples: [
      'Structured query language SQL',
      'Transact-SQL',
      'Microsoft transact-structural query language T-SQL',
      'Oracle PL/SQL',
      'Microsoft SQL Server',
    ],
  },
  { skill: 'mysql', examples: ['MySQL', 'MariaDB'] },
  { skill: 'postgresql', examples: ['PostgreSQL'] },
  {
    skill: 'oracle',
    examples: ['Oracle Database', 'Oracle PL/SQL', 'Oracle Real Application Cluster RAC', 'Oracle Data Guard', 'Oracle Recovery Manager'],
  },
  { skill: 'nosql', examples: ['NoSQL', 'Apache Cassandra', 'Amazon DynamoDB', 'Apache HBase'] },
  { skill: 'mongodb', examples: ['MongoDB'] },
  { skill: 'redis', examples: ['Redis'] },
  { skill: 'elasticsearch', examples: ['Elasticsearch'] },
  {
    skill: 'database-management',
    examples: [
      'Database management systems',
      'Database management software',
      'Relational database management software',
      'Relational database management system software',
    ],
  },
  { skill: 'data-modeling', examples: ['Data modeling software', 'Database design software'] },
  { skill: 'database-query-optimization', examples: ['Quest SQL Optimizer for Oracle', 'Index tuning software'] },
  // Servers, cloud, operations
  { skill: 'linux-unix', examples: ['Linux', 'UNIX', 'Red Hat Enterprise Linux', 'Ubuntu'] },
  { skill: 'apache', examples: ['Apache HTTP Server'] },
  { skill: 'cloud-services', examples: ['Platform as a service PaaS', 'Software as a service SaaS'] },
  { skill: 'aws', examples: ['Amazon Web Services AWS software', 'Amazon Elastic Compute Cloud EC2'] },
  { skill: 'gcp', examples: ['Google Cloud software', 'BigQuery'] },
  { skill: 'azure', examples: ['Microsoft Azure software'] },
  { skill: 'docker', examples: ['Docker'] },
  { skill: 'kubernetes', examples: ['Kubernetes', 'Red Hat OpenShift'] },
  { skill: 'kafka', examples: ['Apache Kafka'] },
  { skill: 'rabbitmq', examples: ['RabbitMQ'] },
  { skill: 'git', examples: ['Git', 'GitHub', 'GitLab', 'Atlassian Bitbucket', 'Version control software'] },
  { skill: 'ci-cd', examples: ['Jenkins CI', 'Continuous integration software'] },
  { skill: 'jenkins', examples: ['Jenkins CI'] },
  {
    skill: 'infrastructure-as-code',
    examples: ['Amazon Web Services AWS CloudFormation', 'Chef', 'Puppet', 'Configuration management software'],
  },
  { skill: 'terraform', examples: ['IBM Terraform'] },
  { skill: 'ansible', examples: ['Ansible software', 'Red Hat Ansible Engine'] },
  { skill: 'monitoring-logging', examples: ['Splunk Enterprise', 'Grafana Labs Grafana Cloud', 'Operating system monitoring software'] },
  // APIs and architecture
  { skill: 'restful-api-design', examples: ['RESTful API'] },
  { skill: 'graphql', examples: ['GraphQL'] },
  { skill: 'service-oriented-architecture', examples: ['Microservices Architecture'] },
  // Testing and debugging
  {
    skill: 'software-testing',
    examples: ['JUnit', 'Selenium', 'Unit testing software', 'Integration testing software', 'Regression testing software'],
  },
  {
    skill: 'profiling-debugging',
    examples: ['Debugging software', 'Symbolic debugger software', 'Low-level debugger software', 'YourKit Java Profiler'],
  },
  // Security
  {
    skill: 'encryption',
    examples: [
      'Encryption software',
      'Cryptographic key management software',
      'End-to-end encryption software',
      'Link encryption software',
    ],
  },
  { skill: 'access-control', examples: ['Access management software', 'IBM Resource Access Control Facility RACF'] },
  { skill: 'vulnerability-assessment', examples: ['Network and system vulnerability assessment software', 'Tenable Nessus'] },
  {
    skill: 'ethical-hacking-penetration-testing',
    examples: ['Penetration testing software', 'Kali Linux', 'Metasploit', 'Portswigger BurP Suite', 'Nmap'],
  },
  { skill: 'security-auditing', examples: ['Network security auditing software'] },
  // Data and machine learning
  { skill: 'ml-libraries-frameworks', examples: ['Scikit-learn', 'XGBoost', 'Mlflow'] },
  { skill: 'deep-learning-frameworks', examples: ['TensorFlow', 'PyTorch', 'Keras'] },
  { skill: 'data-analysis', examples: ['pandas', 'NumPy', 'Data analysis software', 'Jupyter Notebook'] },
  { skill: 'statistical-analysis', examples: ['IBM SPSS Statistics', 'StataCorp Stata', 'SAS', 'Computational statistics software'] },
  { skill: 'apache-spark', examples: ['Apache Spark', 'PySpark', 'Apache Hadoop'] },
  { skill: 'generative-ai-llms', examples: ['OpenAI ChatGPT'] },
];
