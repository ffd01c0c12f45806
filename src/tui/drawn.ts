// A pane's element kept while what it shows is unchanged, so a key redraws only the panes it touched — the debugger's views of XEP-0045 (§5, §7)
import { type ReactElement, useRef } from 'react';

interface Kept {
  inputs: readonly unknown[];
  element: ReactElement;
}

function same(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

/**
 * The element `draw` makes, made again only when one of `inputs` changed since the last frame
 * (the session's version and every UI value the pane reads): React skips an element it has seen,
 * so a pane a key did not touch costs nothing to render. `draw` depends on `inputs` alone.
 */
export function useDrawn(inputs: readonly unknown[], draw: () => ReactElement): ReactElement {
  const kept = useRef<Kept | undefined>(undefined);
  if (kept.current && same(kept.current.inputs, inputs)) return kept.current.element;
  const element = draw();
  kept.current = { inputs, element };
  return element;
}
