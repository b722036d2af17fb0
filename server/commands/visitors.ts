import { writeFileSync } from 'node:fs';
import { AppError } from '../../common/errors.js';
import { eraseVisitor, exportVisitor, type VisitorDataDeps } from '../../privacy/visitor-data.js';
import type { Output } from './output.js';

const needVisitor = () =>
  new AppError('USAGE', 'Give the visitor: --visitor <conversation id | ticket number | email>.');

/** `frontdesk visitors export --visitor V [--out FILE]`: one JSON document, to the file (owner-only) or stdout. */
export async function visitorsExport(
  deps: VisitorDataDeps,
  visitor: string | undefined,
  outFile: string | undefined,
  out: Output,
): Promise<number> {
  if (!visitor) throw needVisitor();
  const data = await exportVisitor(deps, visitor);
  const json = JSON.stringify(data, null, 2);
  if (outFile) {
    writeFileSync(outFile, `${json}\n`, { mode: 0o600 });
    out.line(
      `Exported ${data.conversations.length} conversation(s) and ${data.tickets.length} ticket(s) to ${outFile}.`,
    );
  } else out.line(json);
  return 0;
}

/** `frontdesk visitors erase --visitor V --yes`: deletes everything of the visitor; records that it happened. */
export async function visitorsErase(
  deps: VisitorDataDeps,
  visitor: string | undefined,
  confirmed: boolean,
  out: Output,
): Promise<number> {
  if (!visitor) throw needVisitor();
  if (!confirmed) throw new AppError('USAGE', 'Erasing cannot be undone: add --yes to confirm.');
  const done = await eraseVisitor(deps, visitor, 'cli');
  out.line(`Erased ${done.conversations} conversation(s) and ${done.tickets} ticket(s).`);
  return 0;
}
