import { normaliseSkillTerm } from '../../../skill/skill-term';

/** One conference object of a confs.tech `conferences/<year>/<topic>.json` file, with the topic from the file name. */
export interface ConfsTechConference {
  name: string;
  url: string;
  startDate: string;
  endDate: string;
  topic: string;
  city: string | null;
  country: string | null;
  online: boolean | null;
  locales: string | null;
  cfpUrl: string | null;
  cfpEndDate: string | null;
}

/** A conference listed under one or more topics, merged into one event. */
export interface ConfsTechEvent extends Omit<ConfsTechConference, 'topic'> {
  topics: string[];
  /** How many topic-file entries were merged into this event. */
  listings: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function optionalString(entry: Record<string, unknown>, field: string): string | null {
  const value = entry[field];
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

function describeEntry(file: string, index: number, field: string): string {
  return `${file}[${index}].${field}`;
}

/** The topic a confs.tech file stands for: its name without `.json` (`conferences/2025/javascript.json` → "javascript"). */
export function confsTechTopicOf(file: string): string {
  const topic = /([^/\\]+)\.json$/.exec(file)?.[1];
  if (!topic) throw new Error(`confs.tech file name "${file}" does not end in <topic>.json`);
  return topic;
}

/**
 * Reads entry `index` of a confs.tech topic file. `file` is its path relative to the data folder
 * (`conferences/2025/javascript.json`), used in error messages; `topic` is `confsTechTopicOf(file)`.
 * Throws, naming entry and field, when a required field is missing or a date is not YYYY-MM-DD.
 */
export function parseConfsTechEntry(value: unknown, index: number, file: string, topic: string): ConfsTechConference {
  if (typeof value !== 'object' || value === null) throw new Error(`confs.tech ${file}[${index}] must be an object`);
  const entry = value as Record<string, unknown>;
  const required = (field: string): string => {
    const text = optionalString(entry, field);
    if (!text) throw new Error(`confs.tech ${describeEntry(file, index, field)} is required, got ${JSON.stringify(entry[field])}`);
    return text;
  };
  const date = (field: string, text: string | null): string | null => {
    if (text !== null && !ISO_DATE.test(text))
      throw new Error(`confs.tech ${describeEntry(file, index, field)} must be YYYY-MM-DD, got "${text}"`);
    return text;
  };
  const startDate = date('startDate', required('startDate')) as string;
  return {
    name: required('name'),
    url: required('url'),
    startDate,
    endDate: date('endDate', optionalString(entry, 'endDate')) ?? startDate,
    topic,
    city: optionalString(entry, 'city'),
    country: optionalString(entry, 'country'),
    online: typeof entry.online === 'boolean' ? entry.online : null,
    locales: optionalString(entry, 'locales'),
    cfpUrl: optionalString(entry, 'cfpUrl'),
    cfpEndDate: date('cfpEndDate', optionalString(entry, 'cfpEndDate')),
  };
}

/**
 * Parses one confs.tech topic file. `file` is its path relative to the data folder
 * (`conferences/2025/javascript.json`), used for the topic and in error messages.
 * Throws, naming entry and field, when a required field is missing or a date is not YYYY-MM-DD.
 */
export function parseConfsTechFile(json: string, file: string): ConfsTechConference[] {
  const topic = confsTechTopicOf(file);
  const document: unknown = JSON.parse(json);
  if (!Array.isArray(document)) throw new Error(`confs.tech ${file} must hold a JSON array`);
  return document.map((value: unknown, index: number) => parseConfsTechEntry(value, index, file, topic));
}

/** The identity of a conference across topic files: its normalised name and start date. */
export function conferenceIdentity(conference: Pick<ConfsTechConference, 'name' | 'startDate'>): string {
  return `${normaliseSkillTerm(conference.name)}|${conference.startDate}`;
}

/**
 * Merges entries of the same conference listed under several topics (same normalised name and start
 * date) into one event with every topic. The first listing wins for each field; later listings only
 * fill fields the first left empty. Feed entries in a stable order (files sorted by path).
 */
export function mergeConfsTechConferences(conferences: readonly ConfsTechConference[]): ConfsTechEvent[] {
  const eventsByIdentity = new Map<string, ConfsTechEvent>();
  for (const conference of conferences) {
    const identity = conferenceIdentity(conference);
    const event = eventsByIdentity.get(identity);
    if (!event) {
      const { topic, ...fields } = conference;
      eventsByIdentity.set(identity, { ...fields, topics: [topic], listings: 1 });
      continue;
    }
    event.listings += 1;
    if (!event.topics.includes(conference.topic)) event.topics.push(conference.topic);
    event.city ??= conference.city;
    event.country ??= conference.country;
    event.online ??= conference.online;
    event.locales ??= conference.locales;
    event.cfpUrl ??= conference.cfpUrl;
    event.cfpEndDate ??= conference.cfpEndDate;
  }
  return [...eventsByIdentity.values()];
}
