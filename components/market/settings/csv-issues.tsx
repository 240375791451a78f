import { Alert } from '@/components/ui/alert';

export type CsvIssue = { line: number; kind?: string; message: string };

/** The per-row report of a rejected CSV upload: nothing was stored, here is every problem by line. */
export function CsvIssues({
  issues,
  title = 'Nothing was stored: fix these rows and upload again',
}: {
  issues: CsvIssue[];
  title?: string;
}) {
  return (
    <Alert variant="destructive" title={title}>
      <ul
        data-testid="csv-issues"
        className="mt-1 max-h-56 overflow-y-auto font-mono text-[11px] leading-relaxed"
      >
        {issues.map((issue, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one line may carry several issues
          <li key={i}>
            {issue.line > 0 ? `line ${issue.line}` : 'file'}
            {issue.kind ? ` [${issue.kind}]` : ''}: {issue.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** Reads a picked file as text (CSV uploads are small; the server caps them at 5 MB). */
export function readFileText(file: File): Promise<string> {
  return file.text();
}
