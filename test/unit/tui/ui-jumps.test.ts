// The jump stack: enter leaves a trail, esc follows it back, a step starts a new one — lazygit-style navigation of a XEP-0045 trace (§7.1)
import { describe, expect, it } from 'vitest';
import { initialUi, uiReducer } from '../../../src/tui/ui-state.js';

describe('jumps', () => {
  it('goes to the target, then back to where it left from, step by step', () => {
    let ui = { ...initialUi(), selection: { ...initialUi().selection, stanzas: 7 } };
    ui = uiReducer(ui, { type: 'jump', to: { pane: 'stanzas', index: 3, count: 10, filter: '' } });
    expect(ui.selection.stanzas).toBe(3);
    ui = uiReducer(ui, { type: 'jump', to: { pane: 'script', index: 2, count: 5, filter: '' } });
    expect(ui).toMatchObject({ focus: 'script', detailSource: 'script' });
    expect(ui.selection.script).toBe(2);
    ui = uiReducer(ui, { type: 'jumpBack' });
    expect(ui).toMatchObject({ focus: 'stanzas', detailSource: 'stanzas' });
    expect(ui.selection.stanzas).toBe(3);
    ui = uiReducer(ui, { type: 'jumpBack' });
    expect(ui.selection.stanzas).toBe(7);
    expect(uiReducer(ui, { type: 'jumpBack' })).toBe(ui);
  });

  it('a jump out of a filter comes back into it; a step forgets the trail', () => {
    let ui = { ...initialUi(), filter: 'iq' };
    ui = uiReducer(ui, { type: 'jump', to: { pane: 'stanzas', index: 4, count: 9, filter: '' } });
    expect(ui.filter).toBe('');
    expect(uiReducer(ui, { type: 'jumpBack' }).filter).toBe('iq');
    const stepped = uiReducer(ui, {
      type: 'follow',
      script: 1,
      steps: 3,
      stanza: 0,
      stanzas: 9,
      transitions: 0,
      rooms: 0,
    });
    expect(stepped.jumps).toEqual([]);
  });
});
