/**
 * `klaster analyze <files…> [--members <file>] [--window 15|30|60] [--key dynamic|static|hybrid|priority]
 *  [--shares <csv: ppe,share>] [--order <csv: ppe>] [--battery <kWh>,<kW>,<round-trip>]
 *  [--from YYYY-MM-DD --to YYYY-MM-DD] [--json] [--out <dir>] [--save-project <out.klaster.zip>]`
 *
 * `klaster analyze project.klaster.zip [flags]`: a project file saved by the page (its files, their
 * corrections, its scenario; flags and --scenario override).
 *
 * `klaster sql <files…> [--members <file>] --query "<SQL>"`: the result as CSV.
 *
 * Exit 0 on success, 2 on bad input or arguments (message on stderr naming file and line).
 */
import { parseArgs } from 'node:util';
import { analyze, type AnalyzeOptions } from './analyze';
import { sql } from './sql';
import { UsageError } from './usage-error';

const USAGE = `usage: klaster analyze <files… | project.klaster.zip> [--members <file>] [--window 15|30|60]
         [--key dynamic|static|hybrid|priority] [--shares <csv: ppe,share>] [--order <csv: ppe>]
         [--battery <kWh>,<kW>,<round-trip>] [--behind-meter <ppe>:<kWh>,<kW>,<round-trip> …]
         [--scenario <file.json | link>] [--from YYYY-MM-DD --to YYYY-MM-DD] [--json] [--out <dir>]
         [--save-project <out.klaster.zip>]
       klaster sql <files…> [--members <file>] --query "<SQL over readings, members>"`;

export async function main(argv: string[]): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (command !== 'analyze' && command !== 'sql') {
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        members: { type: 'string' },
        window: { type: 'string' },
        key: { type: 'string' },
        scenario: { type: 'string' },
        shares: { type: 'string' },
        order: { type: 'string' },
        battery: { type: 'string' },
        'behind-meter': { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        query: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'save-project': { type: 'string' },
      },
    });
    if (command === 'sql') {
      process.stdout.write(await sql(positionals, values.members, values.query));
      return 0;
    }
    const options: AnalyzeOptions = {
      files: positionals,
      members: values.members,
      window: values.window,
      key: values.key,
      scenario: values.scenario,
      shares: values.shares,
      order: values.order,
      battery: values.battery,
      behindMeter: values['behind-meter'],
      json: values.json!,
      out: values.out,
      from: values.from,
      to: values.to,
      saveProject: values['save-project'],
    };
    const report = await analyze(options);
    process.stdout.write(report);
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`klaster: ${message}\n`);
    if (e instanceof UsageError || isArgError(e)) process.stderr.write(`${USAGE}\n`);
    return 2;
  }
}

function isArgError(e: unknown): boolean {
  return e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS');
}
