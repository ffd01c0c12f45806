// The terminal's size, updated on every 'resize' event so the panes reflow — the debugger's layout of XEP-0045 views (§7–§10)
import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface Size {
  width: number;
  height: number;
}

const FALLBACK: Size = { width: 80, height: 24 };

function measure(stdout: NodeJS.WriteStream, fallback: Size): Size {
  return { width: stdout.columns || fallback.width, height: stdout.rows || fallback.height };
}

/** The terminal size; `fixed` overrides it (tests, where the fake stdout has no rows). */
export function useTerminalSize(fixed?: Size): Size {
  const { stdout } = useStdout();
  const [size, setSize] = useState<Size>(() => fixed ?? measure(stdout, FALLBACK));
  useEffect(() => {
    if (fixed) return;
    const onResize = () => setSize(measure(stdout, FALLBACK));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fixed]);
  return fixed ?? size;
}
