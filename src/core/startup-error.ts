/**
 * A start-up failure the operator can fix. Its message is one paragraph saying what failed and what
 * to set; start-up prints it once, without a stack (a stack is for bugs, and this is not one).
 */
export class StartupError extends Error {}

/**
 * The StartupError for an HTTP server that could not listen on `host:port`, naming PORT and HOST; null
 * for an error that is not about the address (a bug, reported with its stack).
 */
export function listenFailure(error: NodeJS.ErrnoException, port: number, host: string): StartupError | null {
  const address = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartupError(
        `SkillAtlas could not listen on ${address}: the port is already in use (another SkillAtlas, or another program). ` +
          `Stop that program, or set PORT to a free port (for example PORT=${port === 65535 ? 4000 : port + 1}); HOST sets the interface (now ${host}).`,
      );
    case 'EACCES':
      return new StartupError(
        `SkillAtlas is not allowed to listen on ${address}: ports below 1024 need privileges. Set PORT to 1024 or above (the default is 4000).`,
      );
    case 'EADDRNOTAVAIL':
      return new StartupError(
        `SkillAtlas could not listen on ${address}: HOST ${host} is not an address of this machine. Set HOST to 127.0.0.1 (this machine only, the default) or 0.0.0.0 (every interface).`,
      );
    default:
      return null;
  }
}
