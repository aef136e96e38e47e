import type { ProviderKindValue } from './provider.model';

/**
 * The providers the project knows: the seed writes them, and the free-programming-books feed reads
 * their kinds at run time (a course on a MOOC platform is an "online course"), which is why this
 * table lives with the runtime code rather than in seeds/.
 */

/** A provider as seeded. `hosts` are bare hosts without "www."; a URL matches a host or any subdomain of it. */
export interface ProviderSeed {
  slug: string;
  name: string;
  kind: ProviderKindValue;
  url: string;
  description: string;
  hosts: string[];
}

/** The catch-all provider for resources whose URL host belongs to no listed provider. */
export const INDEPENDENT_PROVIDER_SLUG = 'independent';
export const GITHUB_PROVIDER_SLUG = 'github';
export const CONFS_TECH_PROVIDER_SLUG = 'confs-tech';

function provider(slug: string, name: string, kind: ProviderKindValue, url: string, description: string, hosts: string[]): ProviderSeed {
  return { slug, name, kind, url, description, hosts };
}

/** Providers the article names, and the sources the project's feeds come from. */
const articleAndFeedProviders: ProviderSeed[] = [
  provider(
    'coursera',
    'Coursera',
    'MOOC_PLATFORM',
    'https://www.coursera.org',
    'University and industry courses, specializations and degrees online.',
    ['coursera.org'],
  ),
  provider(
    'udemy',
    'Udemy',
    'MARKETPLACE',
    'https://www.udemy.com',
    'A marketplace where independent instructors sell (and sometimes give away) video courses.',
    ['udemy.com'],
  ),
  provider('edx', 'edX', 'MOOC_PLATFORM', 'https://www.edx.org', 'University courses from Harvard, MIT and others, free to audit.', [
    'edx.org',
  ]),
  provider(
    'github',
    'GitHub',
    'OPEN_SOURCE',
    'https://github.com',
    'Where most open-source projects live; contributing to them builds practical experience.',
    ['github.com'],
  ),
  provider('gitlab', 'GitLab', 'OPEN_SOURCE', 'https://gitlab.com', 'A code-hosting platform that also hosts open-source projects.', [
    'gitlab.com',
  ]),
  provider(
    'confs-tech',
    'confs.tech',
    'EVENTS',
    'https://confs.tech',
    'A community-maintained, open list of tech conferences and their calls for papers.',
    ['confs.tech'],
  ),
  provider(
    'meetup',
    'Meetup',
    'COMMUNITY',
    'https://www.meetup.com',
    'Local and online meet-up groups, including many developer user groups.',
    ['meetup.com'],
  ),
];

/** Every platform of free-programming-books' "0 - MOOC" section, transcribed with its hosts. */
const moocSectionProviders: ProviderSeed[] = [
  provider(
    'ai-school',
    'AI School',
    'MOOC_PLATFORM',
    'https://lillytechsystems.com/ai-school/',
    'Free AI and machine learning lessons by Lilly Tech Systems.',
    ['lillytechsystems.com'],
  ),
  provider(
    'aimarket-courses',
    'AIMarket Courses',
    'MOOC_PLATFORM',
    'https://alexar76.github.io/aimarket-courses/',
    'Free AI courses published as a static site by Aleksandr Artamokhov.',
    ['alexar76.github.io'],
  ),
  provider(
    'cheatgrid',
    'CheatGrid',
    'COMMUNITY',
    'https://www.cheatgrid.com/roadmaps',
    'Cheat sheets and learning roadmaps for developer topics.',
    ['cheatgrid.com'],
  ),
  provider(
    'class-central',
    'Class Central',
    'MARKETPLACE',
    'https://www.classcentral.com',
    'A search engine and review site for online courses across providers.',
    ['classcentral.com'],
  ),
  provider('codecademy', 'Codecademy', 'MOOC_PLATFORM', 'https://www.codecademy.com', 'Interactive, in-browser programming courses.', [
    'codecademy.com',
  ]),
  provider('datacamp', 'DataCamp', 'MOOC_PLATFORM', 'https://www.datacamp.com', 'Interactive data science, analytics and AI courses.', [
    'datacamp.com',
  ]),
  provider(
    'devdocs',
    'DevDocs',
    'OPEN_SOURCE',
    'https://devdocs.io',
    'Open-source, searchable API documentation for many languages and frameworks in one place.',
    ['devdocs.io'],
  ),
  provider(
    'freecodecamp',
    'freeCodeCamp',
    'MOOC_PLATFORM',
    'https://www.freecodecamp.org',
    'A non-profit with a free curriculum, certifications and long video courses.',
    ['freecodecamp.org'],
  ),
  provider(
    'futurelearn',
    'FutureLearn',
    'MOOC_PLATFORM',
    'https://www.futurelearn.com',
    'Online courses from universities and organisations, many free to join.',
    ['futurelearn.com'],
  ),
  provider(
    'hyperskill',
    'Hyperskill',
    'MOOC_PLATFORM',
    'https://hyperskill.org',
    'Project-based programming tracks by JetBrains Academy.',
    ['hyperskill.org'],
  ),
  provider(
    'khan-academy',
    'Khan Academy',
    'MOOC_PLATFORM',
    'https://www.khanacademy.org',
    'A non-profit offering free lessons, including computing and SQL basics.',
    ['khanacademy.org'],
  ),
  provider('labex', 'LabEx', 'MOOC_PLATFORM', 'https://labex.io', 'Hands-on labs for Linux, DevOps and programming in the browser.', [
    'labex.io',
  ]),
  provider('learning-sap', 'Learning SAP', 'MOOC_PLATFORM', 'https://learning.sap.com', "SAP's free learning journeys for its platforms.", [
    'learning.sap.com',
  ]),
  provider('learnweb3', 'LearnWeb3', 'MOOC_PLATFORM', 'https://learnweb3.io', 'Free courses for becoming a Web3 developer.', [
    'learnweb3.io',
  ]),
  provider(
    'mit-ocw',
    'MIT OpenCourseWare',
    'MOOC_PLATFORM',
    'https://ocw.mit.edu',
    "Free lecture notes, assignments and videos from MIT's courses.",
    ['ocw.mit.edu'],
  ),
  provider('mooc-fi', 'MOOC.fi', 'MOOC_PLATFORM', 'https://www.mooc.fi/en/', 'Free online courses from the University of Helsinki.', [
    'mooc.fi',
    'moocfi.github.io',
  ]),
  provider(
    'nptel',
    'NPTEL',
    'MOOC_PLATFORM',
    'https://onlinecourses.nptel.ac.in',
    'Online courses from the Indian Institutes of Technology and IISc.',
    ['nptel.ac.in'],
  ),
  provider('openhpi', 'openHPI', 'MOOC_PLATFORM', 'https://open.hpi.de', 'Free IT courses from the Hasso Plattner Institute.', [
    'open.hpi.de',
  ]),
  provider('platzi', 'Platzi', 'MOOC_PLATFORM', 'https://courses.platzi.com', 'Online technology courses, mostly in Spanish.', [
    'platzi.com',
  ]),
  provider(
    'roadmap-sh',
    'roadmap.sh',
    'COMMUNITY',
    'https://roadmap.sh',
    'Community-made learning roadmaps, including one for backend developers.',
    ['roadmap.sh'],
  ),
  provider(
    'the-odin-project',
    'The Odin Project',
    'OPEN_SOURCE',
    'https://www.theodinproject.com',
    'An open-source, project-based full-stack curriculum.',
    ['theodinproject.com'],
  ),
  provider('udacity', 'Udacity', 'MOOC_PLATFORM', 'https://www.udacity.com', 'Tech courses and nanodegrees built with industry partners.', [
    'udacity.com',
  ]),
];

/** Hosts the course list links to most often (two or more courses, or a well-known school or vendor). */
const courseHostProviders: ProviderSeed[] = [
  provider(
    'youtube',
    'YouTube',
    'MARKETPLACE',
    'https://www.youtube.com',
    'Free video lectures, playlists and full courses from independent creators and institutions.',
    ['youtube.com', 'youtu.be'],
  ),
  provider(
    'nvidia-dli',
    'NVIDIA Deep Learning Institute',
    'MOOC_PLATFORM',
    'https://learn.nvidia.com',
    "NVIDIA's self-paced courses on deep learning, generative AI and accelerated computing.",
    ['learn.nvidia.com', 'courses.nvidia.com', 'developer.nvidia.com'],
  ),
  provider(
    'scrimba',
    'Scrimba',
    'MOOC_PLATFORM',
    'https://scrimba.com',
    'Interactive screencasts where the code in the video can be edited.',
    ['scrimba.com'],
  ),
  provider(
    'cognitive-class',
    'Cognitive Class',
    'MOOC_PLATFORM',
    'https://cognitiveclass.ai',
    "IBM's free courses on data science, AI and cloud.",
    ['cognitiveclass.ai'],
  ),
  provider(
    'microsoft-learn',
    'Microsoft Learn',
    'MOOC_PLATFORM',
    'https://learn.microsoft.com',
    "Microsoft's training paths and beginner video series.",
    ['learn.microsoft.com', 'docs.microsoft.com', 'channel9.msdn.com', 'microsoft.github.io', 'microsoft.com'],
  ),
  provider(
    'hugging-face',
    'Hugging Face',
    'OPEN_SOURCE',
    'https://huggingface.co',
    'The open machine learning hub, with free courses on transformers, agents and more.',
    ['huggingface.co'],
  ),
  provider(
    'elastic',
    'Elastic',
    'MOOC_PLATFORM',
    'https://www.elastic.co',
    'Training on Elasticsearch and the Elastic Stack from its maker.',
    ['elastic.co'],
  ),
  provider('bento', 'Bento', 'MOOC_PLATFORM', 'https://bento.io', 'Curated tracks of free web development tutorials.', ['bento.io']),
  provider('vue-school', 'Vue School', 'MOOC_PLATFORM', 'https://vueschool.io', 'Video courses on Vue.js and its ecosystem.', [
    'vueschool.io',
  ]),
  provider(
    'mathworks',
    'MathWorks MATLAB Academy',
    'MOOC_PLATFORM',
    'https://matlabacademy.mathworks.com',
    'Self-paced MATLAB and Simulink courses.',
    ['mathworks.com'],
  ),
  provider(
    'harvard-cs50',
    'Harvard CS50',
    'MOOC_PLATFORM',
    'https://cs50.harvard.edu',
    "Harvard's introductory computer science courses, free online.",
    ['cs50.harvard.edu'],
  ),
  provider(
    'stanford',
    'Stanford University',
    'MOOC_PLATFORM',
    'https://online.stanford.edu',
    "Stanford's free online courses and lecture materials.",
    ['stanford.edu'],
  ),
  provider(
    'mit',
    'Massachusetts Institute of Technology',
    'MOOC_PLATFORM',
    'https://openlearning.mit.edu',
    'Course sites and open learning materials from MIT departments beyond OpenCourseWare.',
    ['mit.edu'],
  ),
  provider('programiz', 'Programiz', 'MOOC_PLATFORM', 'https://www.programiz.com', 'Beginner programming tutorials and courses.', [
    'programiz.com',
  ]),
  provider(
    'kaggle',
    'Kaggle Learn',
    'MOOC_PLATFORM',
    'https://www.kaggle.com/learn',
    'Short, hands-on data science and machine learning courses.',
    ['kaggle.com'],
  ),
  provider('egghead', 'egghead', 'MOOC_PLATFORM', 'https://egghead.io', 'Concise screencasts on web development tools and frameworks.', [
    'egghead.io',
  ]),
  provider(
    'google-developers',
    'Google for Developers',
    'MOOC_PLATFORM',
    'https://developers.google.com',
    "Google's developer training, including Android and machine learning courses.",
    [
      'developers.google.com',
      'developer.android.com',
      'techdevguide.withgoogle.com',
      'google-developer-training.github.io',
      'google.github.io',
    ],
  ),
  provider('alison', 'Alison', 'MOOC_PLATFORM', 'https://alison.com', 'Free online certificate courses.', ['alison.com']),
  provider(
    'full-stack-open',
    'Full Stack Open',
    'MOOC_PLATFORM',
    'https://fullstackopen.com',
    "The University of Helsinki's course on modern JavaScript web development.",
    ['fullstackopen.com'],
  ),
  provider(
    'mdn',
    'MDN Web Docs',
    'OPEN_SOURCE',
    'https://developer.mozilla.org',
    'Open web platform documentation and learning area maintained by Mozilla and the community.',
    ['developer.mozilla.org'],
  ),
  provider('stepik', 'Stepik', 'MARKETPLACE', 'https://stepik.org', 'A platform where authors publish interactive courses.', [
    'stepik.org',
  ]),
  provider('jovian', 'Jovian', 'MOOC_PLATFORM', 'https://jovian.com', 'Free data science and machine learning courses with notebooks.', [
    'jovian.ai',
    'jovian.com',
  ]),
  provider(
    'salesforce-trailhead',
    'Salesforce Trailhead',
    'MOOC_PLATFORM',
    'https://trailhead.salesforce.com',
    "Salesforce's free, gamified learning platform.",
    ['trailhead.salesforce.com'],
  ),
  provider(
    'launchcode',
    'LaunchCode',
    'MOOC_PLATFORM',
    'https://education.launchcode.org',
    'A non-profit offering free programming courses.',
    ['education.launchcode.org'],
  ),
  provider(
    'learnhowtoprogram',
    'LearnHowToProgram (Epicodus)',
    'MOOC_PLATFORM',
    'https://www.learnhowtoprogram.com',
    "Epicodus's open coding-school curriculum.",
    ['learnhowtoprogram.com'],
  ),
  provider(
    'deeplearning-ai',
    'DeepLearning.AI',
    'MOOC_PLATFORM',
    'https://www.deeplearning.ai',
    'Short courses and specializations on machine learning and generative AI.',
    ['deeplearning.ai'],
  ),
  provider(
    'cisco-netacad',
    'Cisco Networking Academy',
    'MOOC_PLATFORM',
    'https://www.netacad.com',
    "Cisco's courses on networking, cybersecurity and programming.",
    ['netacad.com'],
  ),
  provider('simplilearn', 'Simplilearn', 'MOOC_PLATFORM', 'https://www.simplilearn.com', 'Online bootcamps and free skill-up courses.', [
    'simplilearn.com',
  ]),
  provider(
    'geeksforgeeks',
    'GeeksforGeeks',
    'COMMUNITY',
    'https://www.geeksforgeeks.org',
    'Community-written programming tutorials and practice problems.',
    ['geeksforgeeks.org'],
  ),
  provider(
    'tutorialspoint',
    'Tutorialspoint',
    'MOOC_PLATFORM',
    'https://www.tutorialspoint.com',
    'Text and video tutorials across programming topics.',
    ['tutorialspoint.com'],
  ),
  provider(
    'test-automation-university',
    'Test Automation University',
    'MOOC_PLATFORM',
    'https://testautomationu.applitools.com',
    'Free test automation courses hosted by Applitools.',
    ['testautomationu.applitools.com'],
  ),
  provider(
    'mongodb-university',
    'MongoDB University',
    'MOOC_PLATFORM',
    'https://learn.mongodb.com',
    'Free MongoDB courses and certifications from its maker.',
    ['learn.mongodb.com', 'university.mongodb.com'],
  ),
  provider('redis-university', 'Redis University', 'MOOC_PLATFORM', 'https://university.redis.com', 'Free Redis courses from its maker.', [
    'university.redis.com',
    'university.redis.io',
  ]),
  provider(
    'cockroach-university',
    'Cockroach University',
    'MOOC_PLATFORM',
    'https://university.cockroachlabs.com',
    'Free courses on distributed SQL with CockroachDB.',
    ['university.cockroachlabs.com'],
  ),
  provider(
    'aws-skill-builder',
    'AWS Skill Builder',
    'MOOC_PLATFORM',
    'https://explore.skillbuilder.aws',
    "Amazon's training for AWS services and certifications.",
    ['skillbuilder.aws', 'pages.awscloud.com'],
  ),
  provider(
    'linux-foundation',
    'Linux Foundation Training',
    'MOOC_PLATFORM',
    'https://training.linuxfoundation.org',
    'Courses on Linux, Kubernetes and cloud-native open source from the Linux Foundation.',
    ['training.linuxfoundation.org'],
  ),
  provider(
    'jetbrains-academy',
    'JetBrains Academy',
    'MOOC_PLATFORM',
    'https://academy.jetbrains.com',
    'Programming courses delivered inside JetBrains IDEs.',
    ['academy.jetbrains.com'],
  ),
  provider('fast-ai', 'fast.ai', 'MOOC_PLATFORM', 'https://course.fast.ai', 'Free, practical deep learning courses.', ['fast.ai']),
  provider(
    'open-security-training',
    'OpenSecurityTraining',
    'MOOC_PLATFORM',
    'https://opensecuritytraining.info',
    'Free, in-depth computer security classes.',
    ['opensecuritytraining.info', 'opensecuritytraining.org'],
  ),
  provider(
    'boot-dev',
    'Boot.dev',
    'MOOC_PLATFORM',
    'https://www.boot.dev',
    'Interactive backend development courses in Python, Go and SQL.',
    ['boot.dev'],
  ),
  provider('saylor-academy', 'Saylor Academy', 'MOOC_PLATFORM', 'https://learn.saylor.org', 'Free, self-paced college-level courses.', [
    'saylor.org',
  ]),
];

/** Kept last; the matcher falls back to it when no host matches. */
const catchAllProvider = provider(
  INDEPENDENT_PROVIDER_SLUG,
  'Independent / Other web',
  'COMMUNITY',
  'https://skillatlas.invalid/providers/independent',
  'Resources published on personal, university or project sites that belong to no listed provider. Its URL is a placeholder: there is no single site.',
  [],
);

/** Every seeded provider. */
export const providers: ProviderSeed[] = [...articleAndFeedProviders, ...moocSectionProviders, ...courseHostProviders, catchAllProvider];
