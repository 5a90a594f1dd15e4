'use client';
import type { PiClient } from '@pi-kit/core';
import { createContext } from 'react';

/** The client of the nearest `<PiProvider>`, or `null` outside one. Internal: use `usePiClient()`. */
export const PiClientContext = createContext<PiClient | null>(null);
PiClientContext.displayName = 'PiClientContext';
