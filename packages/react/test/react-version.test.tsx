import { version as reactVersion } from 'react';
import { version as reactDomVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

// The React 18 run (vitest.react18.config.ts) sets PI_KIT_EXPECTED_REACT=18; the default run uses the workspace's React 19.
const expected = process.env.PI_KIT_EXPECTED_REACT ?? '19';

describe('React matrix', () => {
  it(`runs this suite on React ${expected} (react, react-dom and the renderer agree)`, () => {
    expect(reactVersion.split('.')[0]).toBe(expected);
    expect(reactDomVersion.split('.')[0]).toBe(expected);
    expect(renderToString(<p>π</p>)).toBe('<p>π</p>');
  });
});
