import { routeOf } from '../http-metrics';

describe('routeOf (the route label of an HTTP request)', () => {
  it('names a known path, with or without a query string, and files every other path under other', () => {
    expect(routeOf('/graphql')).toBe('/graphql');
    expect(routeOf('/graphql?query=%7B__typename%7D')).toBe('/graphql');
    expect(routeOf('/health/ready?probe=1')).toBe('/health/ready');
    expect(routeOf('/graphql/')).toBe('other');
    expect(routeOf('/GRAPHQL')).toBe('other');
    expect(routeOf('/no-such-path?x=/graphql')).toBe('other');
    expect(routeOf('')).toBe('other');
    expect(routeOf(undefined)).toBe('other');
  });
});
