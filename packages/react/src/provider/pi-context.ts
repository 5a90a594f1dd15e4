'use client';
import type { PiClient } from '@pi-kit/core';
import { createContext } from 'react';

/** The client of the nearest `<PiProvider>`, or `null` outside one. Internal: use `usePiClient()`. */
export const PiClientContext = createContext<PiClient | null>(null);
// For React DevTools: development only (bundlers replace NODE_ENV, as React's own checks need).
if (process.env.NODE_ENV !== 'production') PiClientContext.displayName = 'PiClientContext';
