export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

/**
 * Line-by-line changes from `before` to `after` (a longest common subsequence of lines), for showing
 * what a saved version changed. Articles are short, so the quadratic table is cheap; past
 * `maximumCells` it falls back to "everything removed, everything added" rather than stalling the page.
 */
export function lineDiff(before: string, after: string, maximumCells = 4_000_000): DiffLine[] {
  const old = before.split("\n");
  const next = after.split("\n");
  if (old.length * next.length > maximumCells) {
    return [
      ...old.map((text) => ({ kind: "removed" as const, text })),
      ...next.map((text) => ({ kind: "added" as const, text })),
    ];
  }
  // at(i, j): the longest common subsequence of old[i..] and next[j..], in one flat table.
  const width = next.length + 1;
  const common = new Uint32Array((old.length + 1) * width);
  const at = (i: number, j: number) => common[i * width + j] ?? 0;
  for (let i = old.length - 1; i >= 0; i--) {
    for (let j = next.length - 1; j >= 0; j--) {
      common[i * width + j] = old[i] === next[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < old.length && j < next.length) {
    if (old[i] === next[j]) {
      lines.push({ kind: "same", text: old[i] ?? "" });
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      lines.push({ kind: "removed", text: old[i++] ?? "" });
    } else {
      lines.push({ kind: "added", text: next[j++] ?? "" });
    }
  }
  while (i < old.length) lines.push({ kind: "removed", text: old[i++] ?? "" });
  while (j < next.length) lines.push({ kind: "added", text: next[j++] ?? "" });
  return lines;
}
