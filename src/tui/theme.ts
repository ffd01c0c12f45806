// Text styles of the debugger, switched off entirely under NO_COLOR — output hygiene for the XEP-0045 views (§5: roles never by colour alone)
import { createContext, useContext } from 'react';

/** Props spread onto ink's `<Text>`; empty objects when colour is off, so no escape code is written. */
export interface TextStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

export interface Theme {
  colour: boolean;
  accent: TextStyle;
  pass: TextStyle;
  fail: TextStyle;
  warn: TextStyle;
  dim: TextStyle;
  strong: TextStyle;
  selected: TextStyle;
  related: TextStyle;
  tag: TextStyle;
  attr: TextStyle;
  value: TextStyle;
  /** Border colour of the focused pane (its border style also changes, so focus never relies on colour). */
  focusBorder: string | undefined;
}

export function makeTheme(colour: boolean): Theme {
  const on = (style: TextStyle): TextStyle => (colour ? style : {});
  return {
    colour,
    accent: on({ color: 'cyan' }),
    pass: on({ color: 'green' }),
    fail: on({ color: 'red' }),
    warn: on({ color: 'yellow' }),
    dim: on({ dimColor: true }),
    strong: on({ bold: true }),
    selected: on({ inverse: true }),
    related: on({ color: 'yellow' }),
    tag: on({ color: 'blue' }),
    attr: on({ color: 'cyan' }),
    value: on({ color: 'green' }),
    focusBorder: colour ? 'cyan' : undefined,
  };
}

export const ThemeContext = createContext<Theme>(makeTheme(false));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
