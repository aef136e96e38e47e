/**
 * The English name of a section heading the lists in other languages give a field, so a course under
 * "Bases de Datos" or "操作系统" is read like one under "Databases" or "Operating systems". Reviewed by
 * hand from the headings the seed reported unmapped; only headings whose every listing is about the
 * field, and words that name nothing else ("Redes" alone is networks; "Redes neuronales" is not a
 * heading here). Headings are terms, not running text: titles in those languages are not translated.
 */
const HEADING_TRANSLATIONS: Readonly<Record<string, string>> = {
  // Singular or abbreviated English headings of a field the vocabulary names in the plural.
  Database: 'Databases',
  DBMS: 'Databases',
  Network: 'Networking',
  WEB服务器: 'Web Servers',
  'Bases de Datos': 'Databases',
  'Base de Datos': 'Databases',
  'Banco de Dados': 'Databases',
  数据库: 'Databases',
  データベース: 'Databases',
  操作系统: 'Operating systems',
  'Sistemas Operacionais': 'Operating systems',
  'Sistemas Operativos': 'Operating systems',
  "Systèmes d'exploitation": 'Operating systems',
  版本控制: 'Version control',
  'Control de Versiones': 'Version control',
  'Sistemi di controllo versione': 'Version control',
  人工智能: 'Artificial Intelligence',
  人工知能: 'Artificial Intelligence',
  'Inteligencia Artificial': 'Artificial Intelligence',
  'Inteligência Artificial': 'Artificial Intelligence',
  'Yapay Zeka': 'Artificial Intelligence',
  機械学習: 'Machine learning',
  机器学习: 'Machine learning',
  Redes: 'Networking',
  ネットワーキング: 'Networking',
  'Работа с сетью': 'Networking',
  شبکه: 'Networking',
  רשתות: 'Networking',
  Seguridad: 'Security',
  セキュリティ: 'Security',
  'Segurança da Informação': 'Security',
  大数据: 'Big Data',
  'Облачные вычисления': 'Cloud computing',
  'رایانش ابری': 'Cloud computing',
  分布式系统: 'Distributed systems',
  'Algoritmos y Estructuras de Datos': 'Algorithms and data structures',
  'Algoritma ve Veri Yapıları': 'Algorithms and data structures',
  'Algoritmi e Strutture Dati': 'Algorithms and data structures',
  Algoritmalar: 'Algorithms and data structures',
  Algorithmique: 'Algorithms and data structures',
  'Engenharia de Software': 'Software Engineering',
  'مهندسی نرم‌افزار': 'Software Engineering',
  'Arquitetura de Software': 'Software architecture',
  'Desain dan Arsitektur': 'Software architecture',
};

/** The heading as the skill vocabulary reads it: its English name when it has one here, else itself. */
export function englishHeadingOf(heading: string): string {
  return HEADING_TRANSLATIONS[heading.trim()] ?? heading;
}
