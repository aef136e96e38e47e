/**
 * A term that names a field rather than one skill ("DevOps", "Web Development"): it maps to several
 * skills. Kept apart from aliases because an alias must name exactly one skill.
 */
export interface BroadTerm {
  term: string;
  skills: string[];
}

/**
 * Topic names found in the course, project and event data that imply skills without being another
 * name for one ("DevOps", a framework built on a language). The matcher tries skill names and
 * aliases first, then these.
 */
export const broadTerms: BroadTerm[] = [
  { term: 'DevOps', skills: ['ci-cd', 'infrastructure-as-code', 'monitoring-logging'] },
  { term: 'Security', skills: ['cybersecurity-awareness', 'secure-coding', 'encryption', 'access-control', 'vulnerability-assessment'] },
  { term: 'Web Development', skills: ['html-css', 'javascript-nodejs'] },
  { term: 'Data Science', skills: ['data-analysis', 'statistical-analysis', 'ml-fundamentals'] },
  { term: 'Artificial Intelligence', skills: ['ml-fundamentals'] },
  { term: 'AI', skills: ['ml-fundamentals'] },
  { term: 'MLOps', skills: ['ml-libraries-frameworks', 'ci-cd', 'monitoring-logging'] },
  { term: 'Soft Computing', skills: ['ml-fundamentals'] },
  { term: 'Computer Science', skills: ['algorithms-data-structures'] },
  { term: 'Graph Theory', skills: ['algorithms-data-structures'] },
  { term: 'Software Engineering', skills: ['system-design', 'software-testing'] },
  { term: 'API Development', skills: ['restful-api-design', 'graphql', 'api-security-authentication'] },
  { term: 'APIs', skills: ['restful-api-design', 'graphql'] },
  { term: 'Databases', skills: ['sql', 'nosql', 'database-management'] },
  { term: 'Jupyter', skills: ['python', 'data-analysis'] },
  { term: 'Next.js', skills: ['react'] },
  { term: 'Redux', skills: ['react'] },
  { term: 'React Native', skills: ['react'] },
  { term: 'Remix', skills: ['react'] },
  { term: 'Astro', skills: ['javascript-nodejs'] },
  { term: 'Svelte', skills: ['javascript-nodejs'] },
  { term: 'jQuery', skills: ['javascript-nodejs'] },
  { term: 'D3.js', skills: ['javascript-nodejs', 'data-analysis'] },
  { term: 'Three.js', skills: ['javascript-nodejs'] },
  { term: 'Electron', skills: ['javascript-nodejs', 'html-css'] },
  { term: 'Webpack', skills: ['javascript-nodejs'] },
  { term: 'Deno', skills: ['javascript-nodejs', 'typescript'] },
  { term: 'Bootstrap', skills: ['html-css'] },
  { term: 'Tailwind CSS', skills: ['html-css'] },
  { term: 'Sass', skills: ['html-css'] },
  { term: 'Pug', skills: ['html-css'] },
  { term: 'Cypress', skills: ['software-testing', 'javascript-nodejs'] },
  { term: 'Flutter', skills: ['dart'] },
  { term: 'Android', skills: ['kotlin', 'java'] },
  { term: 'iOS', skills: ['swift'] },
  { term: 'SwiftUI', skills: ['swift'] },
  { term: 'Vapor', skills: ['swift'] },
  { term: 'Phoenix', skills: ['elixir'] },
  { term: 'WordPress', skills: ['php'] },
  { term: 'CUDA', skills: ['cpp', 'deep-learning-frameworks'] },
  { term: 'Open Source', skills: ['git'] },
  { term: 'Identity', skills: ['access-control', 'api-security-authentication'] },
  { term: 'Leadership', skills: ['communication', 'teamwork'] },
];
