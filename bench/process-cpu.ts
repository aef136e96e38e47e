import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time of the MongoDB server process, when it runs on this machine: what each request cost the
 * database, read next to what it cost our own process. Linux only (/proc); null elsewhere or when
 * the server is remote, and the report then says so.
 */
export interface ProcessCpuReader {
  pid: number;
  command: string;
  /** Milliseconds of user + system CPU the process has used so far. */
  cpuMs(): number;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ): 100 on every Linux we know of. */
function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** The process listening on 127.0.0.1:`port`, through `ss` (iproute2); null when it cannot tell. */
export function listeningProcess(host: string, port: number): ProcessCpuReader | null {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host) || process.platform !== 'linux') return null;
  let pid: number;
  let command: string;
  try {
    const line = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(line);
    if (!match) return null;
    [command, pid] = [match[1], Number(match[2])];
  } catch {
    return null;
  }
  const ticksPerSecond = clockTicksPerSecond();
  return {
    pid,
    command,
    cpuMs() {
      // Fields after the command name (which may contain spaces, hence the last ')'): utime is the 14th field, stime the 15th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    },
  };
}
